package dev.provision.postgres;

import dev.provision.model.Database;
import dev.provision.model.Database.SslMode;
import dev.provision.model.Reference;
import dev.provision.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the backend's {@code POSTGRES_URL} with its companion env vars, and the JDBC URL of the
 * engine's own admin connection, from a {@link PostgresEndpoint}. Pure functions.
 *
 * <p>Backend rules (Convex self-hosted): the URL carries a user and NO database path (the backend
 * appends the instance's database itself), the password is percent-encoded, and the backend asks
 * for {@code sslmode=require} unless {@code DO_NOT_REQUIRE_SSL} is set to any non-empty value, so
 * that variable is written only for {@code ssl: disable}, never as "false".
 */
public final class PostgresUrls {
  /** The backend's database URL variable. */
  public static final String POSTGRES_URL = "POSTGRES_URL";

  /** Set (to {@code 1}) only when TLS is off; any value switches the TLS requirement off. */
  public static final String DO_NOT_REQUIRE_SSL = "DO_NOT_REQUIRE_SSL";

  /** Path inside the backend container of the CA file for self-signed TLS. */
  public static final String PG_CA_FILE = "PG_CA_FILE";

  /** Where the engine mounts an external server's CA file in the backend container. */
  public static final String CA_CONTAINER_PATH = "/convex/certs/postgres-ca.pem";

  /** Port of the managed Postgres container on the deployment's network. */
  public static final int MANAGED_PORT = PostgresImage.PORT;

  private PostgresUrls() {}

  /**
   * The endpoint of the engine's own Postgres container, as the backend reaches it on the private
   * network: its network alias, port 5432, no TLS (traffic never leaves the network).
   */
  public static PostgresEndpoint managed(String networkAlias, String user, Value password) {
    return new PostgresEndpoint(networkAlias, MANAGED_PORT, user, password, SslMode.DISABLE, null);
  }

  /**
   * The backend's {@code POSTGRES_URL}, e.g. {@code
   * postgres://convex:p%40ss@db:5432?sslmode=disable}. Sensitive whenever it holds a password.
   */
  public static Value backendUrl(PostgresEndpoint endpoint) {
    StringBuilder url =
        new StringBuilder("postgres://").append(PercentEncoding.encode(endpoint.user()));
    if (endpoint.password() != null) {
      url.append(':').append(PercentEncoding.encode(endpoint.password().text()));
    }
    url.append('@').append(endpoint.urlHost()).append(':').append(endpoint.port());
    if (endpoint.ssl() == SslMode.DISABLE) {
      url.append("?sslmode=disable");
    }
    Value password = endpoint.password();
    return password == null ? Value.plain(url.toString()) : password.derive(url.toString(), true);
  }

  /**
   * Everything the backend container needs for this database: {@code POSTGRES_URL}, plus {@code
   * DO_NOT_REQUIRE_SSL=1} for {@code ssl: disable} and {@code PG_CA_FILE} when a CA file is given.
   *
   * @param caContainerPath where the CA file is mounted in the backend, usually {@link
   *     #CA_CONTAINER_PATH}; ignored without a CA file
   */
  public static SortedMap<String, Value> backendEnv(
      PostgresEndpoint endpoint, String caContainerPath) {
    SortedMap<String, Value> env = new TreeMap<>();
    env.put(POSTGRES_URL, backendUrl(endpoint));
    if (endpoint.ssl() == SslMode.DISABLE) {
      env.put(DO_NOT_REQUIRE_SSL, Value.plain("1"));
    }
    if (endpoint.caFile() != null) {
      env.put(PG_CA_FILE, Value.plain(caContainerPath));
    }
    return Collections.unmodifiableSortedMap(env);
  }

  /**
   * The backend's database env vars for an external server whose url an offline plan left
   * unresolved: {@code POSTGRES_URL} reads {@code (sensitive, from env NAME)} and compares by the
   * url and password as written, so the same references plan unchanged.
   */
  public static SortedMap<String, Value> offlineBackendEnv(
      Database.ExternalPostgres db, String caContainerPath) {
    List<Reference> from = new ArrayList<>(db.urlFrom());
    Value password = db.password();
    if (password != null) {
      from.addAll(password.from());
    }
    String written = db.url() + (password == null ? "" : "\n" + password.text());
    SortedMap<String, Value> env = new TreeMap<>();
    env.put(POSTGRES_URL, new Value(written, true, from));
    if (db.ssl() == SslMode.DISABLE) {
      env.put(DO_NOT_REQUIRE_SSL, Value.plain("1"));
    }
    if (db.caFile() != null) {
      env.put(PG_CA_FILE, Value.plain(caContainerPath));
    }
    return Collections.unmodifiableSortedMap(env);
  }

  /**
   * The JDBC URL for the engine's admin connection to {@code database}, with no credentials (they
   * go in connection properties). TLS is verified like the backend verifies it (chain and host
   * name): {@code sslmode=disable}; without a CA file {@code sslmode=verify-full} against the JVM's
   * default roots ({@code DefaultJavaSSLFactory}; pgjdbc's own default would read {@code
   * ~/.postgresql/root.crt}); with one {@code sslmode=verify-full&sslrootcert=<file>}.
   */
  public static String jdbcUrl(PostgresEndpoint endpoint, String database) {
    StringBuilder url =
        new StringBuilder("jdbc:postgresql://")
            .append(endpoint.urlHost())
            .append(':')
            .append(endpoint.port())
            .append('/')
            .append(PercentEncoding.encode(database));
    if (endpoint.ssl() == SslMode.DISABLE) {
      url.append("?sslmode=disable");
    } else if (endpoint.caFile() == null) {
      url.append("?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
    } else {
      url.append("?sslmode=verify-full&sslrootcert=")
          .append(PercentEncoding.encode(endpoint.caFile(), "/:"));
    }
    return url.toString();
  }
}
