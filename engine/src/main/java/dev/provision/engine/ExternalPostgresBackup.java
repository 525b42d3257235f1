package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HelperRun;
import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.JdbcPostgresAdmin;
import dev.provision.driver.postgres.ToolsVersion;
import dev.provision.model.Database;
import dev.provision.model.Spec;
import dev.provision.postgres.PostgresEndpoint;
import dev.provision.postgres.PostgresUrlParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database part of a backup and a restore for an external Postgres: {@code pg_dump -Fc} and
 * {@code pg_restore} run in a short-lived container of the spec's tools image on the deployment's
 * network (so they reach the server the way the backend does), the password given through the
 * container's environment ({@code PGPASSWORD}), never its command. The checks that need no stop
 * (the tools' major against the server's, the role's right to drop and create the database) run
 * over JDBC first.
 */
final class ExternalPostgresBackup {
  private static final String HELPER_ROLE = "pgtools";

  private final HostDriver host;
  private final Spec spec;
  private final Database.ExternalPostgres pg;
  private final String helper;
  private final String database;

  ExternalPostgresBackup(HostDriver host, Spec spec, Database.ExternalPostgres pg) {
    this.host = host;
    this.spec = spec;
    this.pg = pg;
    this.helper = Names.container(spec.deployment(), HELPER_ROLE);
    this.database = Names.database(spec.deployment());
  }

  /** Refuses, before anything stops, a tools image whose pg_dump is older than the server. */
  void checkTools() {
    int server = admin().serverMajor();
    ensureImage();
    List<String> out;
    try {
      out =
          run(
              HelperRun.onNetwork(
                  helper, pg.toolsImage(), List.of("pg_dump", "--version"), Map.of(), null),
              "pg_dump --version");
    } finally {
      host.removeContainer(helper);
    }
    int tools =
        ToolsVersion.major(String.join("\n", out))
            .orElseThrow(
                () ->
                    ProvisionException.of(
                        "image " + pg.toolsImage() + " answered no pg_dump version",
                        "set database.postgres.external.toolsImage to a Postgres image such as"
                            + " postgres:"
                            + server));
    ToolsVersion.refusal(tools, server, pg.toolsImage())
        .ifPresent(
            e -> {
              throw e;
            });
  }

  /**
   * Refuses, before anything stops, a restore the role cannot do (drop and create the database) or
   * the tools cannot.
   */
  void checkRestore() {
    admin()
        .restoreRights(database)
        .refusal()
        .ifPresent(
            e -> {
              throw e;
            });
    checkTools();
  }

  /** Dumps the database into a tar in {@code work} (one entry, the dump file). */
  Path dump(Path work) throws IOException {
    ensureImage();
    run(
        tools(List.of("pg_dump", "-Fc", "-f", BackupTaker.DUMP_FILE)),
        "pg_dump of database " + database);
    Path out = work.resolve("d");
    Files.createFile(out, dev.provision.secrets.PrivateFiles.fileMode());
    try (OutputStream o = Files.newOutputStream(out)) {
      host.copyOut(helper, BackupTaker.DUMP_FILE, o);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      host.removeContainer(helper);
    }
    return out;
  }

  /** Drops and creates the database, then restores {@code dumpTar} (the backend stopped). */
  void restore(Path dumpTar) {
    ensureImage();
    JdbcPostgresAdmin admin = admin();
    admin.dropCreatedDatabase(database);
    admin.createDatabase(database);
    HelperRun restore =
        tools(List.of("pg_restore", "--no-owner", "-d", database, BackupTaker.DUMP_FILE))
            .withInput(dumpTar, Path.of(BackupTaker.DUMP_FILE).getParent().toString());
    try {
      run(restore, "pg_restore into database " + database);
    } finally {
      host.removeContainer(helper);
    }
  }

  /** A tools run logged in as the spec's role, on the deployment's network. */
  private HelperRun tools(List<String> command) {
    PostgresEndpoint e = endpoint();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PGHOST", e.host());
    env.put("PGPORT", Integer.toString(e.port()));
    env.put("PGUSER", e.user());
    env.put("PGDATABASE", database);
    env.put("PGSSLMODE", e.ssl() == Database.SslMode.REQUIRE ? "require" : "disable");
    env.put("PGCONNECT_TIMEOUT", "10");
    if (e.password() != null) {
      env.put("PGPASSWORD", e.password().text());
    }
    return HelperRun.onNetwork(
        helper, pg.toolsImage(), command, env, Names.network(spec.deployment()));
  }

  /**
   * Runs {@code run}, answering its output and leaving its container for the caller to remove;
   * fails with its last lines (never its environment) when it fails.
   */
  private List<String> run(HelperRun run, String what) {
    host.removeContainer(helper);
    int code = host.runHelper(run);
    List<String> out = host.logTail(helper, 20);
    if (code != 0) {
      host.removeContainer(helper);
      throw ProvisionException.of(
          what
              + " in a "
              + pg.toolsImage()
              + " container failed (exit "
              + code
              + "): "
              + String.join(" / ", out),
          "check that the server is reachable from network "
              + Names.network(spec.deployment())
              + " and that provision doctor passes, then try again");
    }
    return out;
  }

  private void ensureImage() {
    if (!host.hasImage(pg.toolsImage())) {
      host.pullImage(pg.toolsImage(), line -> {});
    }
  }

  private PostgresEndpoint endpoint() {
    return new PostgresUrlParser("database.postgres.external").parse(pg);
  }

  private JdbcPostgresAdmin admin() {
    return new JdbcPostgresAdmin(endpoint());
  }
}
