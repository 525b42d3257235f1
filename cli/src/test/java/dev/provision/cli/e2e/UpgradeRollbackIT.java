package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A backend image upgrade that migrates the data and then fails to start (a stand-in image built
 * here with {@code STANDIN_DATA_FORMAT=2} and {@code STANDIN_FAIL_AFTER_MIGRATION=1}): apply backs
 * the data up inside the stop window, the failure rolls back by restoring it, and the old image
 * reads the documents written before. With {@code --no-backup} the banner says so and the old image
 * can no longer start on the migrated data, which is what the backup prevents.
 */
class UpgradeRollbackIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void aFailedUpgradeAfterItsMigrationIsRolledBackByRestoringTheBackup() throws Exception {
    String broken = "pt-backup-broken-" + UUID.randomUUID().toString().substring(0, 8);
    try (E2e e = new E2e()) {
      Path context = Files.createTempDirectory(e.dir, "image");
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM "
              + E2e.backendImage()
              + "\nENV STANDIN_DATA_FORMAT=2 STANDIN_FAIL_AFTER_MIGRATION=1"
              + " STANDIN_VERSION=standin-2\n");
      DockerCli.run("build", "-q", "--pull=false", "-t", broken, context.toString());

      E2e.Run apply = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(apply.code()).as(apply.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      Documents docs = new Documents(e.cloudUrl(), Live.adminKey(e.deployment, secret));
      docs.put("a", "before the upgrade");
      docs.put("b", "also before");
      Map<String, String> before = docs.all();

      E2e.Run upgrade =
          e.run(
              "apply",
              SPEC,
              "--set",
              "dashboard.enabled=false",
              "--set",
              "backend.image=" + broken,
              "--yes");
      assertThat(upgrade.code()).as(upgrade.all()).isNotZero();
      assertThat(upgrade.out())
          .contains("Backup: before each step whose undo restores it")
          .contains("apply backs the data up into ");
      assertThat(upgrade.all()).contains("the data was restored from");
      assertThat(docs.format()).isEqualTo(1);
      assertThat(docs.all()).isEqualTo(before);
      try (var files = Files.list(e.dir.resolve("backups"))) {
        assertThat(files.filter(p -> p.toString().endsWith(".tar")).count()).isEqualTo(1);
      }

      E2e.Run reckless =
          e.run(
              "apply",
              SPEC,
              "--set",
              "dashboard.enabled=false",
              "--set",
              "backend.image=" + broken,
              "--no-backup",
              "--yes");
      assertThat(reckless.code()).as(reckless.all()).isNotZero();
      assertThat(reckless.out()).contains("!! NO backup: --no-backup is set");
      assertThat(reckless.all()).doesNotContain("the data was restored from");
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(-1);
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
    } finally {
      Docker.quietly("rmi", "-f", broken);
    }
  }
}
