package dev.provision.postgres;

import dev.provision.model.Database.SslMode;
import dev.provision.model.Value;
import java.util.Objects;

/**
 * Where a Postgres server is and how to log in: the parsed, validated form of a spec's database
 * settings. It holds the password, so {@link #toString()} shows {@link #describe()} only.
 *
 * <p>Not a URL: {@link PostgresUrls} builds the backend's URL and the engine's JDBC URL from it.
 *
 * @param host a DNS name, an IPv4 address or an IPv6 address without brackets
 * @param port 1 to 65535
 * @param user the role to log in as (decoded, never percent-encoded)
 * @param password the role's password, or null for none
 * @param ssl whether connections must use TLS
 * @param caFile a CA certificate file on the engine's machine for self-signed TLS, or null
 */
public record PostgresEndpoint(
    String host, int port, String user, Value password, SslMode ssl, String caFile) {

  /** The port Postgres listens on unless told otherwise. */
  public static final int DEFAULT_PORT = PostgresImage.PORT;

  public PostgresEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(ssl, "ssl");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    password = password == null ? null : password.asSensitive();
  }

  /** The host as it appears in a URL: IPv6 addresses in brackets. */
  public String urlHost() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /** {@code user@host:port}, safe for any message. */
  public String describe() {
    return user + "@" + urlHost() + ":" + port;
  }

  /**
   * The same login through another address, e.g. a tunnel to a server seen only by a remote host.
   */
  public PostgresEndpoint via(String otherHost, int otherPort) {
    return new PostgresEndpoint(otherHost, otherPort, user, password, ssl, caFile);
  }

  @Override
  public String toString() {
    return "PostgresEndpoint[" + describe() + ", ssl=" + ssl + "]";
  }
}
