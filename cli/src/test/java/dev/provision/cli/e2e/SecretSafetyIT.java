package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.secrets.SecretsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A secret is never lost, against the real engine: a secrets file that disagrees with the running
 * backend is never overwritten without the user's choice, a rotation needs its flag, and a lost
 * secrets file plus a removed Postgres container give back the same Postgres password.
 */
class SecretSafetyIT {
  private static final String QUICKSTART = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String POSTGRES = Path.of("..", "specs", "postgres-managed.yaml").toString();

  /** No dashboard, and the app's env file in the test's folder (never next to the spec). */
  private static String[] base(E2e e) {
    return new String[] {
      "--set", "dashboard.enabled=false", "--set", "outputs.envFile=" + e.dir.resolve(".env.local")
    };
  }

  private static final String OTHER = "fedcba9876543210".repeat(4);

  @Test
  void aSecretsFileThatDisagreesWithTheRunningBackendIsKeptUntilTheUserChooses() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", QUICKSTART, PostgresManagedIT.with(base(e), "--yes"));
      assertThat(first.code()).as(first.all()).isZero();
      Path secrets = e.dir.resolve("secrets.json");
      String live = Live.instanceSecret(secrets);
      String liveKey = Live.adminKey(e.deployment, live);
      String handMade = "{\"instanceSecret\": \"" + OTHER + "\"}\n";
      Files.writeString(secrets, handMade); // recreated by hand with another secret

      E2e.Run plan = e.run("plan", QUICKSTART, base(e));
      assertThat(plan.code()).as(plan.all()).isEqualTo(1); // a plan carrying an error
      assertThat(plan.out())
          .contains(
              "error: the copies of the instance secret disagree: container INSTANCE_SECRET = A,"
                  + " credentials file = A, secrets file = B");

      for (String[] flags :
          new String[][] {
            {"--yes"}, {"--yes", "--allow-secret-rotation"}, {"--yes", "--adopt-secret=file"}
          }) {
        E2e.Run refused = e.run("apply", QUICKSTART, PostgresManagedIT.with(base(e), flags));
        assertThat(refused.code()).as(refused.all()).isEqualTo(1);
        assertThat(refused.out()).doesNotContain("Applying:");
        assertThat(Files.readString(secrets)).isEqualTo(handMade);
        assertThat(Live.api(e.cloudUrl(), liveKey).checkAdminKey().accepted()).isTrue();
      }
      E2e.Run noChoice = e.run("apply", QUICKSTART, PostgresManagedIT.with(base(e), "--yes"));
      assertThat(noChoice.err())
          .contains("secrets file = B")
          .contains("--adopt-secret=live")
          .contains("--adopt-secret=file");

      E2e.Run adopted =
          e.run(
              "apply", QUICKSTART, PostgresManagedIT.with(base(e), "--yes", "--adopt-secret=live"));
      assertThat(adopted.code()).as(adopted.all()).isZero();
      SecretsFile file = new SecretsFile(secrets);
      assertThat(file.get("instanceSecret")).contains(live);
      assertThat(file.history("instanceSecret")).containsExactly(OTHER);
      assertThat(Live.api(e.cloudUrl(), liveKey).checkAdminKey().accepted()).isTrue();
      assertThat(e.run("doctor", QUICKSTART, base(e)).code()).isZero();

      file.put("instanceSecret", OTHER); // the user wants the file's secret back
      E2e.Run rotated =
          e.run(
              "apply",
              QUICKSTART,
              PostgresManagedIT.with(
                  base(e), "--yes", "--adopt-secret=file", "--allow-secret-rotation"));
      assertThat(rotated.code()).as(rotated.all()).isZero();
      assertThat(file.get("instanceSecret")).contains(OTHER);
      assertThat(file.history("instanceSecret")).containsExactly(live);
      String otherKey = Live.adminKey(e.deployment, OTHER);
      assertThat(Live.api(e.cloudUrl(), otherKey).checkAdminKey().accepted()).isTrue();
      assertThat(Live.api(e.cloudUrl(), liveKey).checkAdminKey().accepted()).isFalse();

      String all = String.join("\n", e.outputs);
      assertThat(all).doesNotContain(live).doesNotContain(OTHER);
    }
  }

  @Test
  void thePostgresPasswordComesBackFromTheBackendsUrl() throws Exception {
    try (E2e e = new E2e()) {
      String[] extra = {
        "--set",
        "database.postgres.managed.image=" + E2e.postgresImage(),
        "--set",
        "database.postgres.managed.volume=" + e.deployment + "-pgdata",
        "--set",
        "dashboard.enabled=false",
        "--set",
        "outputs.envFile=" + e.dir.resolve(".env.local")
      };
      E2e.Run first = e.run("apply", POSTGRES, PostgresManagedIT.with(extra, "--yes"));
      assertThat(first.code()).as(first.all()).isZero();
      Path secrets = e.dir.resolve("secrets.json");
      SecretsFile file = new SecretsFile(secrets);
      String password = file.get("postgresPassword").orElseThrow();
      String secret = file.get("instanceSecret").orElseThrow();

      try (HostDriver docker = e.docker()) {
        docker.removeContainer(e.deployment + "-postgres");
      }
      Files.delete(secrets);

      E2e.Run back = e.run("apply", POSTGRES, PostgresManagedIT.with(extra, "--yes"));
      assertThat(back.code()).as(back.all()).isZero();
      assertThat(file.get("postgresPassword")).contains(password);
      assertThat(file.get("instanceSecret")).contains(secret);
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      String key = Live.adminKey(e.deployment, secret);
      assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();

      E2e.Run doctor = e.run("doctor", POSTGRES, extra);
      assertThat(doctor.code()).as(doctor.all()).isZero();
      E2e.Run plan = e.run("plan", POSTGRES, PostgresManagedIT.with(extra, "--detailed-exitcode"));
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(String.join("\n", e.outputs)).doesNotContain(password).doesNotContain(secret);
    }
  }

  @Test
  void aFailedFirstApplyLeavesNoSecretsFile() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run bad =
          e.run(
              "apply",
              QUICKSTART,
              PostgresManagedIT.with(
                  base(e), "--set", "backend.image=" + FailedApplyIT.failingImage(), "--yes"));
      assertThat(bad.code()).as(bad.all()).isEqualTo(1);
      assertThat(bad.out()).contains("rolled back");
      assertThat(e.dir.resolve("secrets.json")).doesNotExist();
    }
  }
}
