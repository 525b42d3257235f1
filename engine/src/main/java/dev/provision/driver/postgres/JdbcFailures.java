package dev.provision.driver.postgres;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import javax.net.ssl.SSLException;

/**
 * Turns a JDBC failure into a {@link ProvisionException} that names the cause a user can act on:
 * unreachable host or port, wrong password, unknown role, a TLS mismatch in either direction,
 * missing privileges, a database in use. Pure: it only reads the exception.
 *
 * <p>The password never reaches a message: server texts do not carry it, and any occurrence is
 * masked anyway before use. The original exception is not attached as a cause either, so nothing
 * further down the chain can leak it.
 */
final class JdbcFailures {
  /** SQLSTATE of a failed password check (also what an unknown role gets under password auth). */
  static final String INVALID_PASSWORD = "28P01";

  /** SQLSTATE of a refused login: unknown role, no pg_hba.conf entry. */
  static final String INVALID_AUTHORIZATION = "28000";

  /** SQLSTATE of a missing database. */
  static final String INVALID_CATALOG = "3D000";

  private JdbcFailures() {}

  /**
   * @param endpoint the server, for messages
   * @param database the database the connection or statement was for
   * @param doing what the engine was doing, e.g. {@code creating database "my_app"}
   */
  static ProvisionException explain(
      SQLException e, PostgresEndpoint endpoint, String database, String doing) {
    String where = "Postgres at " + endpoint.urlHost() + ":" + endpoint.port();
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String text = scrub(e.getMessage(), endpoint.password());
    Throwable cause =
        rootOf(
            e,
            UnknownHostException.class,
            ConnectException.class,
            NoRouteToHostException.class,
            SocketTimeoutException.class,
            SSLException.class);
    String user = "'" + endpoint.user() + "'";
    if (cause instanceof UnknownHostException) {
      return fail(
          "cannot resolve the host name '" + endpoint.host() + "' of the database server",
          "check the host in the database url; it must resolve from the machine running provision");
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return fail(
          "cannot reach "
              + where
              + ": "
              + (cause instanceof ConnectException ? "connection refused" : "no route to host"),
          "check the host and port in the database url, that Postgres is running and listens on "
              + "that address (listen_addresses), and that no firewall blocks the port");
    }
    if (cause instanceof SocketTimeoutException || text.contains("Connection attempt timed out")) {
      return fail(
          "cannot reach " + where + ": the connection timed out",
          "check the host and port in the database url and that no firewall drops the traffic");
    }
    if (text.contains("does not support SSL")) {
      return fail(
          where + " does not offer TLS, but the spec says ssl: require",
          "turn TLS on in the server (ssl = on), or set ssl: disable when the network between "
              + "the backend and the server is private (traffic is then not encrypted)");
    }
    if (text.contains("SSL root certificate file")) {
      return fail(
          "cannot read the CA file '" + endpoint.caFile() + "' for TLS to " + where,
          "check caFile: it must be a readable PEM certificate on the machine running provision");
    }
    if (text.contains("could not be verified by hostnameverifier")) {
      return fail(
          "the TLS certificate of "
              + where
              + " does not name the host '"
              + endpoint.host()
              + "' (the backend checks the name too, and would fail at start)",
          "connect by a name the certificate holds (write it as the host in the database url),"
              + " or have the certificate reissued for '"
              + endpoint.host()
              + "'");
    }
    if (cause instanceof SSLException && untrusted(cause.getMessage())) {
      return endpoint.caFile() == null
          ? fail(
              "the TLS certificate of "
                  + where
                  + " is not signed by a CA the system trusts (the backend checks it the same"
                  + " way, and would fail at start)",
              "give the CA that signed the server's certificate as caFile (a PEM file on the"
                  + " machine running provision; the backend gets it as PG_CA_FILE)")
          : fail(
              "the TLS certificate of "
                  + where
                  + " is not signed by the CA in caFile '"
                  + endpoint.caFile()
                  + "'",
              "check caFile: it must hold the CA certificate that signed the server's"
                  + " certificate");
    }
    if (cause instanceof SSLException) {
      return fail(
          "the TLS handshake with "
              + where
              + " failed: "
              + scrub(cause.getMessage(), endpoint.password()),
          "for a self-signed certificate give its CA as caFile; the certificate must name the "
              + "host written in the database url");
    }
    switch (state) {
      case INVALID_PASSWORD:
        return fail(
            where + " rejected the password for role " + user,
            "check the database password (and the secret it comes from); with password "
                + "authentication an unknown role gets this same answer, so check the user too");
      case INVALID_AUTHORIZATION:
        return loginRefused(text, where, user, database);
      case INVALID_CATALOG:
        return fail("database '" + database + "' does not exist on " + where, null);
      case "42501":
        return fail(
            "role "
                + user
                + " is not allowed to do this on "
                + where
                + " while "
                + doing
                + ": "
                + text,
            "grant the privilege to the role, or have an administrator do this step");
      case "55006":
        return fail(
            "database '"
                + database
                + "' is in use by other sessions, so "
                + doing
                + " cannot go on",
            "stop the backend (or other clients) using it, then run again");
      case "53300":
        return fail(where + " has no free connections", "retry later or raise max_connections");
      case "57P03":
        return fail(where + " is starting up or shutting down", "wait a moment and run again");
      default:
        return fail(
            where
                + " failed while "
                + doing
                + ": "
                + text
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"),
            "see the server's log for details");
    }
  }

  private static ProvisionException loginRefused(
      String text, String where, String user, String database) {
    if (text.contains("pg_hba.conf")
        && (text.contains("no encryption") || text.contains("SSL off"))) {
      return fail(
          where + " accepts only TLS connections here, but the spec says ssl: disable",
          "set ssl: require (and caFile for a self-signed certificate)");
    }
    if (text.contains("pg_hba.conf")) {
      return fail(
          where
              + " does not accept connections from this machine for role "
              + user
              + " and database '"
              + database
              + "' (no pg_hba.conf entry)",
          "add a 'host' line for this address to the server's pg_hba.conf and reload it");
    }
    if (text.contains("does not exist")) {
      return fail(
          "role " + user + " does not exist on " + where,
          "create it (CREATE ROLE ... LOGIN PASSWORD ...) or fix the user in the database url");
    }
    return fail(
        where + " refused the login of role " + user + ": " + text,
        "check the user and password, and the server's pg_hba.conf");
  }

  /** Masks every occurrence of the password's text. */
  static String scrub(String text, Value password) {
    if (text == null) {
      return "";
    }
    if (password == null || password.text().isEmpty()) {
      return text;
    }
    return text.replace(password.text(), Value.MASK);
  }

  @SafeVarargs
  private static Throwable rootOf(Throwable e, Class<? extends Throwable>... kinds) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> kind : kinds) {
        if (kind.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  /** Whether a handshake failed because no trusted CA signed the server's certificate. */
  private static boolean untrusted(String message) {
    return message != null
        && (message.contains("PKIX")
            || message.contains("certification path")
            || message.contains("trust anchor"));
  }

  private static ProvisionException fail(String message, String hint) {
    return new ProvisionException(Diagnostic.error(null, null, message).withHint(hint));
  }
}
