package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupArchive;
import dev.provision.backup.BackupFolder;
import dev.provision.desired.Names;
import dev.provision.driver.HostDriver;
import dev.provision.model.NetworkResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore of a deployment on an external Postgres: a real Postgres container the test
 * runs on the deployment's network (created by the test first, which apply keeps), reached by the
 * engine over JDBC at its address there and by the backend and the tools container by the same URL.
 * A restore brings back exactly the documents of the backup; a role that lost CREATEDB is refused
 * before anything stops, the backend left running and the documents unchanged. The password never
 * appears in any output.
 */
class ExternalPostgresBackupIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-external.yaml").toString();
  private static final String PASSWORD = "ext-pw-e2e-5150";
  private static final String SUPER_PASSWORD = "boss-pw-e2e-7373";

  @Test
  void backupThenRestoreBringsBackTheDocumentsAndAWeakRoleIsRefusedFirst() throws Exception {
    String server = "pt-extpg-" + UUID.randomUUID().toString().substring(0, 8);
    String broken = server + "-broken";
    try (E2e e = new E2e()) {
      try {
        String network = Names.network(e.deployment);
        try (HostDriver host = e.docker()) {
          // the deployment's own network, made first (apply keeps it) so the server can be on it
          host.createNetwork(e.deployment, new NetworkResource(Names.NETWORK, network));
        }
        String[] sets = roundTrip(e, startServer(server, network), server);
        psql(server, "ALTER ROLE convex CREATEDB");
        upgradeRollsBack(e, sets, broken);
      } finally {
        Docker.quietly("rm", "-f", "-v", server);
        Docker.quietly("rmi", "-f", broken);
      }
    }
  }

  /** Apply, backup, restore, and a restore refused for a role without CREATEDB; the sets used. */
  private static String[] roundTrip(E2e e, String ip, String server) throws Exception {
    e.env.put("PGPASSWORD", PASSWORD);
    String[] sets = {
      "--set", "database.postgres.external.url=postgres://convex@" + ip + ":5432",
      "--set", "database.postgres.external.ssl=disable",
      "--set", "database.postgres.external.caFile=",
      "--set", "database.postgres.external.toolsImage=" + E2e.postgresImage(),
      "--set", "dashboard.enabled=false"
    };
    E2e.Run apply = e.run("apply", SPEC, BackupRestoreIT.with(sets, "--yes"));
    assertThat(apply.code()).as(apply.all()).isZero();
    String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
    Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
    docs.put("a", "first");
    docs.put("b", "first too");
    Map<String, String> first = docs.all();

    E2e.Run backup = e.run("backup", SPEC, sets);
    assertThat(backup.code()).as(backup.all()).isZero();
    BackupFolder folder = new BackupFolder(e.dir.resolve("backups"), e.deployment);
    Path archive = folder.archives().get(0);
    assertThat(BackupArchive.manifest(archive).database()).isEqualTo("postgres-external");
    assertThat(docs.all()).isEqualTo(first);

    docs.put("a", "second");
    docs.put("c", "second too");
    E2e.Run restore =
        e.run("restore", SPEC, BackupRestoreIT.with(sets, archive.toString(), "--yes"));
    assertThat(restore.code()).as(restore.all()).isZero();
    assertThat(docs.all()).isEqualTo(first);

    docs.put("d", "after the restore");
    Map<String, String> now = docs.all();
    psql(server, "ALTER ROLE convex NOCREATEDB");
    Instant before = Instant.now();
    E2e.Run refused =
        e.run("restore", SPEC, BackupRestoreIT.with(sets, archive.toString(), "--yes"));
    assertThat(refused.code()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .contains("CREATEDB")
        .contains("convex")
        .contains("ALTER ROLE \"convex\" CREATEDB")
        .doesNotContain("Exception");
    assertThat(
            Docker.run(
                "inspect",
                "-f",
                "{{.State.Running}} {{.State.StartedAt}}",
                e.deployment + "-backend"))
        .startsWith("true");
    assertThat(docs.all()).isEqualTo(now);
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(60));
    assertThat(Docker.run("ps", "-aq", "--filter", "name=" + e.deployment + "-pgtools")).isEmpty();
    assertThat(String.join("\n", e.outputs)).doesNotContain(PASSWORD).doesNotContain(secret);
    return sets;
  }

  /**
   * A backend upgrade that migrates the database and then fails (a stand-in image built here, as in
   * {@link UpgradeRollbackIT}): apply's automatic backup dumps the external database in the stop
   * window, and the rollback puts it back, so the old image reads the old documents.
   */
  private static void upgradeRollsBack(E2e e, String[] sets, String broken) throws Exception {
    Path context = Files.createTempDirectory(e.dir, "image");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM "
            + E2e.backendImage()
            + "\nENV STANDIN_DATA_FORMAT=2 STANDIN_FAIL_AFTER_MIGRATION=1"
            + " STANDIN_VERSION=standin-2\n");
    DockerCli.run("build", "-q", "--pull=false", "-t", broken, context.toString());
    String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
    Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
    Map<String, String> before = docs.all();
    BackupFolder folder = new BackupFolder(e.dir.resolve("backups"), e.deployment);
    List<Path> earlier = folder.archives();

    E2e.Run upgrade =
        e.run(
            "apply", SPEC, BackupRestoreIT.with(sets, "--set", "backend.image=" + broken, "--yes"));
    assertThat(upgrade.code()).as(upgrade.all()).isNotZero();
    assertThat(upgrade.all()).contains("the data was restored from");
    assertThat(docs.format()).isEqualTo(1);
    assertThat(docs.all()).isEqualTo(before);
    List<Path> now = folder.archives();
    Path guard = now.get(now.size() - 1);
    assertThat(earlier).doesNotContain(guard);
    assertThat(BackupArchive.manifest(guard).database()).isEqualTo("postgres-external");
    assertThat(String.join("\n", e.outputs)).doesNotContain(PASSWORD).doesNotContain(secret);
  }

  /** Starts the "external" server on {@code network}; answers its address there once it serves. */
  private static String startServer(String name, String network) throws Exception {
    Docker.run(
        "run",
        "-d",
        "--name",
        name,
        "--network",
        network,
        "--label",
        "dev.provision.test=postgres",
        "-e",
        "POSTGRES_USER=boss",
        "-e",
        "POSTGRES_PASSWORD=" + SUPER_PASSWORD,
        "-e",
        "POSTGRES_DB=boss",
        E2e.postgresImage());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        psql(name, "SELECT 1");
        break;
      } catch (IllegalStateException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("postgres " + name + " did not serve: " + notYet);
        }
        Thread.sleep(250);
      }
    }
    psql(name, "CREATE ROLE convex LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
    return Docker.run(
        "inspect",
        "-f",
        "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}",
        name);
  }

  /** Runs SQL as the superuser over TCP (so it fails until the real server listens). */
  private static void psql(String server, String sql) {
    Docker.run(
        "exec",
        "-e",
        "PGPASSWORD=" + SUPER_PASSWORD,
        server,
        "psql",
        "-h",
        "127.0.0.1",
        "-U",
        "boss",
        "-d",
        "boss",
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        sql);
  }
}
