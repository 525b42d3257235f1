package dev.provision.driver.postgres;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.postgres.ManagedPostgresCommands.IsReady;
import dev.provision.postgres.PostgresUrls;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link PostgresAdmin} for the engine's own Postgres container, through {@code docker exec}
 * ({@link ContainerExec}) with the commands of {@link ManagedPostgresCommands}. The container's
 * user is its superuser, so the privilege questions normally answer yes; they are still asked so
 * that both implementations behave alike.
 */
public final class ManagedPostgresAdmin implements PostgresAdmin {
  private final ContainerExec exec;
  private final String container;
  private final String user;

  /**
   * @param container the Postgres container's name
   * @param user its {@code POSTGRES_USER}
   */
  public ManagedPostgresAdmin(ContainerExec exec, String container, String user) {
    this.exec = exec;
    this.container = container;
    this.user = user;
  }

  /** One {@code pg_isready} probe. */
  public IsReady probe() {
    return IsReady.of(exec.exec(container, ManagedPostgresCommands.isReady(user)));
  }

  /**
   * Probes until the server accepts connections or {@code timeout} passes, then fails saying what
   * the last probe answered.
   */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    IsReady last = probe();
    while (last != IsReady.ACCEPTING) {
      if (System.nanoTime() - deadline >= 0) {
        throw ProvisionException.of(
            "the Postgres container '"
                + container
                + "' did not accept connections within "
                + timeout.toSeconds()
                + " s (pg_isready: "
                + last.name().toLowerCase(java.util.Locale.ROOT)
                + ")",
            "check its log (docker logs "
                + container
                + "); a first start initialises the data "
                + "volume and takes a few seconds");
      }
      pause();
      last = probe();
    }
  }

  @Override
  public ServerInfo check() {
    String[] row =
        ManagedPostgresCommands.parseServerInfo(
            run(ManagedPostgresCommands.serverInfo(user)), container);
    return new ServerInfo(row[0], row[1], ManagedPostgresCommands.MAINTENANCE_DB);
  }

  @Override
  public boolean databaseExists(String name) {
    return ManagedPostgresCommands.parseExists(
        run(ManagedPostgresCommands.databaseExists(user, name)), container);
  }

  @Override
  public Optional<String> databaseIdentity(String name) {
    return ManagedPostgresCommands.parseOid(
        run(ManagedPostgresCommands.databaseOid(user, name)), container);
  }

  @Override
  public void createDatabase(String name) {
    ManagedPostgresCommands.requireOk(
        run(ManagedPostgresCommands.createDatabase(user, name)),
        container,
        "creating database '" + name + "'");
  }

  @Override
  public boolean isEmpty(String name) {
    return count(name) == 0;
  }

  @Override
  public void dropDatabaseIfEmpty(String name) {
    if (!databaseExists(name)) {
      return;
    }
    long relations = count(name);
    if (relations > 0) {
      throw DropRefusal.notEmpty(name, relations, PostgresUrls.managed(container, user, null));
    }
    ManagedPostgresCommands.requireOk(
        run(ManagedPostgresCommands.dropDatabase(user, name)),
        container,
        "dropping database '" + name + "'");
  }

  @Override
  public void dropCreatedDatabase(String name) {
    if (databaseExists(name)) {
      ManagedPostgresCommands.requireOk(
          run(ManagedPostgresCommands.dropDatabase(user, name)),
          container,
          "dropping database '" + name + "'");
    }
  }

  @Override
  public boolean canCreateTables(String name) {
    return ManagedPostgresCommands.parseBoolean(
        run(ManagedPostgresCommands.canCreateTables(user, name)), container);
  }

  @Override
  public boolean hasCreateDbPrivilege() {
    return ManagedPostgresCommands.parseBoolean(
        run(ManagedPostgresCommands.canCreateDb(user)), container);
  }

  private long count(String name) {
    return ManagedPostgresCommands.parseCount(
        run(ManagedPostgresCommands.countRelations(user, name)), container);
  }

  private dev.provision.driver.ExecResult run(List<String> command) {
    return exec.exec(container, command);
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProvisionException.of("interrupted while waiting for Postgres", null);
    }
  }

  @Override
  public String toString() {
    return "ManagedPostgresAdmin[" + user + "@" + container + "]";
  }
}
