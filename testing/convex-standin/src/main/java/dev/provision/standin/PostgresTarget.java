package dev.provision.standin;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * TEST STAND-IN ONLY. Where the backend's Postgres database is, derived like the Convex backend
 * derives it: {@code POSTGRES_URL} names a cluster with a user and no database path; the database
 * is the instance name with {@code -} as {@code _}; TLS is required unless {@code
 * DO_NOT_REQUIRE_SSL} is set (then the URL's {@code sslmode} applies, default {@code disable}).
 * Required TLS is verified as the backend's rustls verifies it: the certificate chain and the host
 * name ({@code verify-full}), against the JVM's default roots or, when {@code PG_CA_FILE} is set,
 * that CA file.
 *
 * @param host the server host
 * @param port the server port
 * @param database the database name
 * @param user the user name
 * @param password the password, possibly empty (never printed)
 * @param sslMode the libpq-style sslmode to use
 * @param caFile the CA file ({@code PG_CA_FILE}) that verifies the server, or null for the JVM's
 *     default roots
 */
public record PostgresTarget(
    String host,
    int port,
    String database,
    String user,
    String password,
    String sslMode,
    String caFile) {
  private static final String VERIFY_FULL = "verify-full";

  /** Parses with no CA file (TLS is checked against the JVM's default roots). */
  public static PostgresTarget parse(String url, String database, boolean doNotRequireSsl)
      throws StartupFailure {
    return parse(url, database, doNotRequireSsl, null);
  }

  /**
   * Parses {@code postgres://user:password@host:port} (or {@code postgresql://}).
   *
   * @throws StartupFailure when the URL is malformed, has no user, or already names a database
   */
  public static PostgresTarget parse(
      String url, String database, boolean doNotRequireSsl, String caFile) throws StartupFailure {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new StartupFailure("POSTGRES_URL is not a valid URL");
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new StartupFailure("POSTGRES_URL must start with postgres:// or postgresql://");
    }
    if (uri.getHost() == null) {
      throw new StartupFailure("POSTGRES_URL has no host");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw new StartupFailure("cluster url already contains db name: " + path.substring(1));
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      throw new StartupFailure("POSTGRES_URL has no user name");
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    String sslMode = doNotRequireSsl ? query(uri).getOrDefault("sslmode", "disable") : VERIFY_FULL;
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String ca = caFile == null || caFile.isEmpty() ? null : caFile;
    return new PostgresTarget(uri.getHost(), port, database, user, password, sslMode, ca);
  }

  /** The JDBC URL (no credentials in it). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Connection properties: user, password, sslmode and a short connect timeout; for {@code
   * verify-full} the CA file, or the JVM's default trust store (pgjdbc's own default would read
   * {@code ~/.postgresql/root.crt}).
   */
  public Properties properties() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("sslmode", sslMode);
    if (VERIFY_FULL.equals(sslMode)) {
      if (caFile != null) {
        props.setProperty("sslrootcert", caFile);
      } else {
        props.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
      }
    }
    props.setProperty("connectTimeout", "5");
    return props;
  }

  /** Shows where, never the password. */
  @Override
  public String toString() {
    return "postgres " + user + "@" + host + ":" + port + "/" + database + " sslmode=" + sslMode;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new LinkedHashMap<>();
    if (uri.getRawQuery() == null) {
      return out;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
