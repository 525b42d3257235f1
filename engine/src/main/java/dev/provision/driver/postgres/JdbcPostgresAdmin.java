package dev.provision.driver.postgres;

import dev.provision.diag.CertificateFile;
import dev.provision.diag.ProvisionException;
import dev.provision.postgres.PostgresEndpoint;
import dev.provision.postgres.PostgresUrls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * {@link PostgresAdmin} for an external server, over JDBC. Opens a short connection per call (the
 * engine asks a handful of questions per run), to the maintenance database for server-wide
 * questions and to the deployment's database for questions about its contents.
 *
 * <p>The endpoint must be reachable from the machine running the engine; for a server only a remote
 * host can see, pass a tunnel's address with {@link PostgresEndpoint#via}. The password travels
 * only as a connection property, never in a URL or a message.
 */
public final class JdbcPostgresAdmin implements PostgresAdmin {
  private static final String[] MAINTENANCE = {"postgres", "template1"};

  private final PostgresEndpoint endpoint;
  private final Duration connectTimeout;
  private volatile ServerInfo info;

  /** An admin with a 5-second connect timeout. */
  public JdbcPostgresAdmin(PostgresEndpoint endpoint) {
    this(endpoint, Duration.ofSeconds(5));
  }

  public JdbcPostgresAdmin(PostgresEndpoint endpoint, Duration connectTimeout) {
    this.endpoint = endpoint;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public ServerInfo check() {
    for (String database : MAINTENANCE) {
      try (Connection c = connect(database);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(PostgresSql.SERVER_INFO)) {
        rs.next();
        info = new ServerInfo(rs.getString(1), rs.getString(2), database);
        return info;
      } catch (SQLException e) {
        if (!JdbcFailures.INVALID_CATALOG.equals(e.getSQLState())) {
          throw explain(e, database, "connecting");
        }
      }
    }
    throw ProvisionException.of(
        "Postgres at "
            + endpoint.urlHost()
            + ":"
            + endpoint.port()
            + " has neither a 'postgres' nor a 'template1' database to connect to",
        "create the 'postgres' database, or check that the url points at the right server");
  }

  @Override
  public boolean databaseExists(String name) {
    return queryBoolean(
        maintenance(),
        PostgresSql.databaseExists(name),
        "looking up database '" + name + "'",
        true);
  }

  @Override
  public Optional<String> databaseIdentity(String name) {
    DatabaseNames.require(name);
    String database = maintenance();
    try (Connection c = connect(database);
        PreparedStatement s = c.prepareStatement(PostgresSql.DATABASE_OID)) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw explain(e, database, "looking up the identity of database '" + name + "'");
    }
  }

  @Override
  public void createDatabase(String name) {
    execute(maintenance(), PostgresSql.createDatabase(name), "creating database '" + name + "'");
  }

  @Override
  public boolean isEmpty(String name) {
    return relationCount(name) == 0;
  }

  @Override
  public void dropDatabaseIfEmpty(String name) {
    if (!databaseExists(name)) {
      return;
    }
    long count = relationCount(name);
    if (count > 0) {
      throw DropRefusal.notEmpty(name, count, endpoint);
    }
    execute(maintenance(), PostgresSql.dropDatabase(name), "dropping database '" + name + "'");
  }

  @Override
  public void dropCreatedDatabase(String name) {
    if (databaseExists(name)) {
      execute(maintenance(), PostgresSql.dropDatabase(name), "dropping database '" + name + "'");
    }
  }

  @Override
  public boolean canCreateTables(String name) {
    DatabaseNames.require(name);
    return queryBoolean(
        name, PostgresSql.CAN_CREATE_TABLES, "checking privileges in '" + name + "'", false);
  }

  @Override
  public boolean hasCreateDbPrivilege() {
    return queryBoolean(
        maintenance(), PostgresSql.CAN_CREATE_DB, "checking the role's privileges", false);
  }

  /** What a restore of {@code name} needs of the role (see {@link RestoreRights}). */
  public RestoreRights restoreRights(String name) {
    DatabaseNames.require(name);
    String database = maintenance();
    try (Connection c = connect(database);
        PreparedStatement s = c.prepareStatement(PostgresSql.RESTORE_RIGHTS)) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return new RestoreRights(endpoint.user(), name, false, false, false);
        }
        return new RestoreRights(
            rs.getString(4), name, rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3));
      }
    } catch (SQLException e) {
      throw explain(e, database, "checking the role's privileges on '" + name + "'");
    }
  }

  /** The server's major version, from {@code SHOW server_version_num} (170002 is 17). */
  public int serverMajor() {
    String database = maintenance();
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(PostgresSql.SERVER_VERSION_NUM)) {
      rs.next();
      return Integer.parseInt(rs.getString(1).trim()) / 10000;
    } catch (SQLException e) {
      throw explain(e, database, "asking the server's version");
    }
  }

  private long relationCount(String name) {
    DatabaseNames.require(name);
    try (Connection c = connect(name);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(PostgresSql.COUNT_USER_RELATIONS)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw explain(e, name, "reading the contents of '" + name + "'");
    }
  }

  private String maintenance() {
    ServerInfo known = info;
    return (known == null ? check() : known).maintenanceDatabase();
  }

  /**
   * The answer of a one-row query: with {@code presence} whether any row came back, else the first
   * column as a boolean (false without a row).
   */
  private boolean queryBoolean(String database, String sql, String doing, boolean presence) {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        return false;
      }
      return presence || rs.getBoolean(1);
    } catch (SQLException e) {
      throw explain(e, database, doing);
    }
  }

  private void execute(String database, String sql, String doing) {
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw explain(e, database, doing);
    }
  }

  private Connection connect(String database) throws SQLException {
    if (endpoint.caFile() != null) {
      // pgjdbc reads the file itself: refuse a FIFO, a device or a huge file before it does
      CertificateFile.read(java.nio.file.Path.of(endpoint.caFile()), "CA file (caFile)");
    }
    Properties props = new Properties();
    props.setProperty("user", endpoint.user());
    if (endpoint.password() != null) {
      props.setProperty("password", endpoint.password().text());
    }
    long seconds = Math.max(1, connectTimeout.toSeconds());
    props.setProperty("connectTimeout", Long.toString(seconds));
    props.setProperty("loginTimeout", Long.toString(seconds * 2));
    props.setProperty("socketTimeout", "60");
    props.setProperty("ApplicationName", "provision");
    props.setProperty("gssEncMode", "disable");
    Connection c =
        new org.postgresql.Driver().connect(PostgresUrls.jdbcUrl(endpoint, database), props);
    if (c == null) {
      throw new IllegalStateException("the PostgreSQL driver did not accept its own URL form");
    }
    return c;
  }

  private ProvisionException explain(SQLException e, String database, String doing) {
    return JdbcFailures.explain(e, endpoint, database, doing);
  }

  @Override
  public String toString() {
    return "JdbcPostgresAdmin[" + endpoint.describe() + "]";
  }
}
