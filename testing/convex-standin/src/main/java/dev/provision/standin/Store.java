package dev.provision.standin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * TEST STAND-IN ONLY. The stand-in's persistent state in SQLite or Postgres (one JDBC connection):
 * deployment env vars, canonical URLs and a lease row. Creating the tables proves the role may
 * CREATE in the current schema, as the real backend needs; taking the lease on start steals it from
 * an older backend on the same database, which then refuses writes. Thread-safe.
 */
public final class Store implements AutoCloseable {
  private final Connection connection;
  private final String holder = UUID.randomUUID().toString();

  private Store(Connection connection) {
    this.connection = connection;
  }

  /** Creates the tables when missing and takes the lease. */
  public static Store open(Connection connection) throws SQLException {
    Store store = new Store(connection);
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS standin_env_vars"
              + " (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS standin_canonical_urls"
              + " (destination TEXT PRIMARY KEY, url TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS standin_lease"
              + " (id INTEGER PRIMARY KEY, holder TEXT NOT NULL, acquired_ms BIGINT NOT NULL)");
    }
    store.upsert(
        "standin_lease (id, holder, acquired_ms) VALUES (1, ?, ?)",
        "id",
        "holder = excluded.holder, acquired_ms = excluded.acquired_ms",
        store.holder,
        System.currentTimeMillis());
    return store;
  }

  /** All env vars by name. */
  public synchronized Map<String, String> envVars() throws SQLException {
    Map<String, String> vars = new TreeMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, value FROM standin_env_vars")) {
      while (rs.next()) {
        vars.put(rs.getString(1), rs.getString(2));
      }
    }
    return vars;
  }

  /** Applies a batch in one transaction (rules already checked by the caller). */
  public synchronized void applyEnvVars(List<EnvVarChange> changes) throws SQLException, LeaseLost {
    inTransaction(
        () -> {
          for (EnvVarChange change : changes) {
            if (change.value() == null) {
              try (PreparedStatement ps =
                  connection.prepareStatement("DELETE FROM standin_env_vars WHERE name = ?")) {
                ps.setString(1, change.name());
                ps.executeUpdate();
              }
            } else {
              upsert(
                  "standin_env_vars (name, value) VALUES (?, ?)",
                  "name",
                  "value = excluded.value",
                  change.name(),
                  change.value());
            }
          }
        });
  }

  /** Records a canonical URL for {@code convexCloud} or {@code convexSite}. */
  public synchronized void setCanonicalUrl(String destination, String url)
      throws SQLException, LeaseLost {
    inTransaction(
        () ->
            upsert(
                "standin_canonical_urls (destination, url) VALUES (?, ?)",
                "destination",
                "url = excluded.url",
                destination,
                url));
  }

  /** The connection, for {@link Documents} (which locks this store around each use). */
  Connection connection() {
    return connection;
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }

  /** The app's modules of the last finished push, by path (none before the first push). */
  public synchronized List<PushedModule> modules() throws SQLException {
    createModulesTable();
    List<PushedModule> modules = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT path, environment, sha256 FROM standin_modules ORDER BY path")) {
      while (rs.next()) {
        modules.add(new PushedModule(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return modules;
  }

  /** Replaces all modules in one transaction: a finished push makes exactly these the app. */
  public synchronized void replaceModules(List<PushedModule> modules)
      throws SQLException, LeaseLost {
    createModulesTable();
    inTransaction(
        () -> {
          try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM standin_modules");
          }
          for (PushedModule m : modules) {
            try (PreparedStatement ps =
                connection.prepareStatement(
                    "INSERT INTO standin_modules (path, environment, sha256) VALUES (?, ?, ?)")) {
              ps.setString(1, m.path());
              ps.setString(2, m.environment());
              ps.setString(3, m.sha256());
              ps.executeUpdate();
            }
          }
        });
  }

  private void createModulesTable() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS standin_modules"
              + " (path TEXT PRIMARY KEY, environment TEXT NOT NULL, sha256 TEXT NOT NULL)");
    }
  }

  /** Thrown when another backend took the lease: this one must stop writing. */
  public static final class LeaseLost extends Exception {
    private static final long serialVersionUID = 1L;

    LeaseLost() {
      super("another backend took over this database (lease lost)");
    }
  }

  private interface Work {
    void run() throws SQLException;
  }

  private void inTransaction(Work work) throws SQLException, LeaseLost {
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement ps =
          connection.prepareStatement("SELECT holder FROM standin_lease WHERE id = 1")) {
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || !holder.equals(rs.getString(1))) {
            connection.rollback();
            throw new LeaseLost();
          }
        }
      }
      work.run();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private void upsert(String into, String key, String set, Object... args) throws SQLException {
    String sql = "INSERT INTO " + into + " ON CONFLICT (" + key + ") DO UPDATE SET " + set;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
