package dev.provision.standin;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * TEST STAND-IN ONLY. Test documents (id to text) kept in the backend's database, in a stored data
 * format that a newer image rewrites irreversibly on start, as a real backend's migrations do.
 * Format 1 keeps the text as is; format 2 keeps {@code v2:} and its Base64. An image that
 * understands an older format than the stored one refuses to start, so going back after an upgrade
 * needs a backup. Shares the {@link Store}'s connection and lock.
 */
final class Documents {
  /** The newest format this stand-in knows. */
  static final int NEWEST_FORMAT = 2;

  private final Store store;

  Documents(Store store) {
    this.store = store;
  }

  /**
   * Creates the tables when missing, refuses a stored format newer than {@code format}, and
   * rewrites an older one to {@code format}. Answers the format the data was in before.
   */
  static int migrate(Connection connection, int format) throws SQLException, StartupFailure {
    int stored = storedFormat(connection);
    if (stored > format) {
      throw new StartupFailure(
          "the stored data format "
              + stored
              + " is newer than this backend understands ("
              + format
              + "); restore a backup taken before the upgrade");
    }
    connection.setAutoCommit(false);
    try {
      if (stored < format) {
        Map<String, String> texts = read(connection, stored);
        for (Map.Entry<String, String> e : texts.entrySet()) {
          try (PreparedStatement ps =
              connection.prepareStatement("UPDATE standin_documents SET body = ? WHERE id = ?")) {
            ps.setString(1, encode(e.getValue(), format));
            ps.setString(2, e.getKey());
            ps.executeUpdate();
          }
        }
      }
      try (Statement s = connection.createStatement()) {
        s.executeUpdate("DELETE FROM standin_format");
        s.executeUpdate("INSERT INTO standin_format (id, format) VALUES (1, " + format + ")");
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    return stored;
  }

  /** Stores (or replaces) one document in the current format. */
  void put(String id, String text) throws SQLException {
    synchronized (store) {
      Connection c = store.connection();
      int format = storedFormat(c);
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM standin_documents WHERE id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO standin_documents (id, body) VALUES (?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, encode(text, format));
        ps.executeUpdate();
      }
    }
  }

  /** Every document by id, decoded. */
  Map<String, String> all() throws SQLException {
    synchronized (store) {
      Connection c = store.connection();
      return read(c, storedFormat(c));
    }
  }

  /** The stored format (1 when nothing was stored yet). */
  int format() throws SQLException {
    synchronized (store) {
      return storedFormat(store.connection());
    }
  }

  private static int storedFormat(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS standin_documents (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS standin_format (id INTEGER PRIMARY KEY, format INTEGER NOT"
              + " NULL)");
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT format FROM standin_format WHERE id = 1")) {
      return rs.next() ? rs.getInt(1) : 1;
    }
  }

  private static Map<String, String> read(Connection c, int format) throws SQLException {
    Map<String, String> texts = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, body FROM standin_documents")) {
      while (rs.next()) {
        texts.put(rs.getString(1), decode(rs.getString(2), format));
      }
    }
    return new LinkedHashMap<>(texts);
  }

  private static String encode(String text, int format) {
    return format >= 2
        ? "v2:" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        : text;
  }

  private static String decode(String stored, int format) {
    return format >= 2
        ? new String(Base64.getDecoder().decode(stored.substring(3)), StandardCharsets.UTF_8)
        : stored;
  }
}
