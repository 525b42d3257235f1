package dev.provision.desired;

import dev.provision.model.Database;
import dev.provision.model.Value;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The backend's database env vars: nothing for SQLite; for Postgres a POSTGRES_URL with a user, a
 * percent-encoded password and NO database path (the backend appends the database named after the
 * instance), plus DO_NOT_REQUIRE_SSL and sslmode=disable for a server without TLS and PG_CA_FILE
 * for a self-signed one.
 */
final class DatabaseEnvironment {
  /** Where a CA file given in the spec is mounted in the backend container. */
  static final String CA_PATH = "/convex/pg-ca.pem";

  private DatabaseEnvironment() {}

  static SortedMap<String, Value> of(Database db, Value managedPassword) {
    SortedMap<String, Value> env = new TreeMap<>();
    if (db instanceof Database.ManagedPostgres m) {
      String url = "postgres://" + encode(m.user()) + ":" + encode(managedPassword.text()) + "@"
          + Names.POSTGRES_ALIAS + ":5432?sslmode=disable";
      env.put("POSTGRES_URL", Value.secret(url));
      env.put("DO_NOT_REQUIRE_SSL", Value.plain("1"));
    } else if (db instanceof Database.ExternalPostgres e) {
      URI uri = URI.create(e.url());
      String user = uri.getUserInfo();
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      boolean disable = e.ssl() == Database.SslMode.DISABLE;
      String url = "postgres://" + encode(user) + ":" + encode(e.password().text()) + "@"
          + uri.getHost() + ":" + port + (disable ? "?sslmode=disable" : "");
      env.put("POSTGRES_URL", Value.secret(url));
      if (disable) {
        env.put("DO_NOT_REQUIRE_SSL", Value.plain("1"));
      }
      if (e.caFile() != null) {
        env.put("PG_CA_FILE", Value.plain(CA_PATH));
      }
    }
    return env;
  }

  /** Percent-encodes for the userinfo part of a URL (spaces as %20, never '+'). */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
