package dev.provision.engine;

import static dev.provision.engine.Deployment.OTHER;
import static dev.provision.engine.Deployment.SECRET;
import static dev.provision.engine.Deployment.THIRD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.AdminKeys;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.DriverFactory;
import dev.provision.engine.DoctorCheck.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  @TempDir Path dir;

  private List<DoctorCheck> examine(Deployment d, FakeConvexBackend backend) {
    List<DoctorCheck> checks = new Doctor(d.drivers(), backend.factory()).examine(d.spec());
    String all =
        checks.stream().map(c -> c.detail() + " " + c.hint()).collect(Collectors.joining("\n"));
    assertThat(all).doesNotContain(SECRET, OTHER, THIRD);
    return checks;
  }

  private static String statuses(List<DoctorCheck> checks) {
    return checks.stream().map(c -> c.status() + " " + c.name()).collect(Collectors.joining("\n"));
  }

  private static DoctorCheck find(List<DoctorCheck> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aHealthyDeploymentPassesEveryCheck() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);
    FakeConvexBackend backend = new FakeConvexBackend("app", SECRET);

    List<DoctorCheck> checks = examine(d, backend);

    assertThat(statuses(checks))
        .isEqualTo(
            String.join(
                "\n",
                "OK target",
                "OK backend container",
                "OK backend version",
                "OK instance name",
                "OK admin key",
                "OK instance secret",
                "SKIP env file URL",
                "SKIP env file admin key",
                "SKIP env file CONVEX_DEPLOYMENT",
                "SKIP frontend env file",
                "OK stray Convex variables"));
    assertThat(find(checks, "admin key").detail())
        .isEqualTo("a key issued from the backend container's INSTANCE_SECRET is accepted");
    assertThat(find(checks, "instance secret").detail())
        .isEqualTo(
            "the places that hold one agree:"
                + " container INSTANCE_SECRET = A, credentials file = A, secrets file = A (none in: spec reference)");
    assertThat(find(checks, "backend version").detail())
        .isEqualTo("fake-1.0 at http://127.0.0.1:3210");
    assertThat(backend.asked).allMatch(u -> u.toString().equals("http://127.0.0.1:3210"));
  }

  @Test
  void aBackendOlderThanTheEnvVarApiSaysToUpgrade() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);
    FakeConvexBackend backend = new FakeConvexBackend("app", SECRET);
    backend.tooOld = true;

    DoctorCheck key = find(examine(d, backend), "admin key");

    assertThat(key.status() + " " + key.detail() + " / " + key.hint())
        .isEqualTo("FAIL this backend image is older than provision supports / upgrade it");
  }

  @Test
  void anUnreachableTargetSkipsTheRest() {
    Deployment d = new Deployment(dir);
    DriverFactory down =
        target -> {
          throw ProvisionException.of("cannot connect to the Docker engine", "start Docker");
        };

    List<DoctorCheck> checks =
        new Doctor(down, new FakeConvexBackend("app", SECRET).factory()).examine(d.spec());

    assertThat(statuses(checks))
        .isEqualTo(
            String.join(
                "\n",
                "FAIL target",
                "SKIP backend container",
                "SKIP backend version",
                "SKIP instance name",
                "SKIP admin key",
                "SKIP frontend env file",
                "OK stray Convex variables"));
    assertThat(checks.get(0).detail()).isEqualTo("cannot connect to the Docker engine");
    assertThat(checks.get(0).hint()).isEqualTo("start Docker");
  }

  @Test
  void noBackendContainerSaysToApply() {
    Deployment d = new Deployment(dir).storeSecret(SECRET);

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("app", SECRET));

    DoctorCheck container = find(checks, "backend container");
    assertThat(container.status()).isEqualTo(Status.FAIL);
    assertThat(container.detail()).isEqualTo("no container app-backend on fake host");
    assertThat(container.hint()).startsWith("run `provision apply ");
    assertThat(find(checks, "backend version").status()).isEqualTo(Status.SKIP);
    assertThat(find(checks, "admin key").detail()).isEqualTo("the backend container does not run");
    assertThat(find(checks, "instance secret").status()).isEqualTo(Status.OK);
  }

  @Test
  void aStoppedBackendShowsItsExitCodeAndLastLogLines() {
    Deployment d =
        new Deployment(dir)
            .storeSecret(SECRET)
            .backend(SECRET, null, 1, "error: INSTANCE_SECRET is not 64 hex digits");

    DoctorCheck container =
        find(examine(d, new FakeConvexBackend("app", SECRET)), "backend container");

    assertThat(container.status()).isEqualTo(Status.FAIL);
    assertThat(container.detail())
        .isEqualTo(
            "app-backend is not running (exit code 1); last log lines:\n"
                + "starting app-backend\nerror: INSTANCE_SECRET is not 64 hex digits");
  }

  @Test
  void aBackendStoppedOnPurposeIsToldApart() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, null, 130, "stopped");

    DoctorCheck container =
        find(examine(d, new FakeConvexBackend("app", SECRET)), "backend container");

    assertThat(container.detail())
        .startsWith("app-backend is not running (exit code 130: it was stopped);");
    assertThat(container.hint()).isEqualTo("`provision apply` starts it again");
  }

  @Test
  void aBackendThatDoesNotAnswerFailsVersionAndSkipsTheApiChecks() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);
    FakeConvexBackend backend = new FakeConvexBackend("app", SECRET);
    backend.answers = false;

    List<DoctorCheck> checks = examine(d, backend);

    assertThat(find(checks, "backend version").status()).isEqualTo(Status.FAIL);
    assertThat(find(checks, "backend version").detail())
        .startsWith("GET http://127.0.0.1:3210/version:");
    assertThat(find(checks, "instance name").status()).isEqualTo(Status.SKIP);
    assertThat(find(checks, "admin key").status()).isEqualTo(Status.SKIP);
  }

  @Test
  void anotherInstanceNameExplainsTheRefusedKeys() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("convex-self-hosted", SECRET));

    DoctorCheck name = find(checks, "instance name");
    assertThat(name.status()).isEqualTo(Status.FAIL);
    assertThat(name.detail())
        .isEqualTo(
            "the backend was started with INSTANCE_NAME=convex-self-hosted:"
                + " admin keys for app are refused");
    DoctorCheck key = find(checks, "admin key");
    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.detail()).endsWith("(BadAdminKey): it runs under another instance name");
  }

  @Test
  void badAdminKeyFromASpecReferenceThatDiffersFromTheLiveSecret() {
    Deployment d = new Deployment(dir).specReference(OTHER).backend(SECRET, SECRET, null);

    DoctorCheck key = find(examine(d, new FakeConvexBackend("app", SECRET)), "admin key");

    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.detail())
        .isEqualTo(
            "the backend refused a key issued from the spec's"
                + " secrets.instanceSecret (BadAdminKey): the spec's secrets.instanceSecret differs from the"
                + " secret the backend runs with (the backend container's INSTANCE_SECRET): keys issued from"
                + " the spec's are refused");
    assertThat(key.hint()).contains("--allow-secret-rotation");
  }

  @Test
  void badAdminKeyWhenTheCredentialsFileDiffersFromTheContainerEnv() {
    Deployment d = new Deployment(dir).backend(SECRET, OTHER, null);

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("app", OTHER));

    DoctorCheck key = find(checks, "admin key");
    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.detail())
        .contains(
            "the credentials file in volume app-data differs from the"
                + " container's INSTANCE_SECRET");
    assertThat(find(checks, "instance secret").detail())
        .startsWith(
            "container INSTANCE_SECRET = A, credentials file = B (none in: spec reference, secrets file)\n");
  }

  @Test
  void badAdminKeyFromAStaleSecretsFileWhenTheBackendSecretCannotBeRead() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(null, null, null);

    DoctorCheck key = find(examine(d, new FakeConvexBackend("app", SECRET)), "admin key");

    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.detail())
        .startsWith("the backend refused a key issued from the secrets file ")
        .endsWith(
            "(BadAdminKey); the backend's own secret cannot be read (no INSTANCE_SECRET, no"
                + " credentials file), so the secrets file "
                + d.secretsFile()
                + " is probably stale");
    assertThat(key.hint()).startsWith("`provision apply` starts the backend with INSTANCE_SECRET");
  }

  @Test
  void badAdminKeyFromTheLiveSecretPointsAtAnotherListener() {
    Deployment d = new Deployment(dir).backend(SECRET, null, null);

    DoctorCheck key = find(examine(d, new FakeConvexBackend("app", THIRD)), "admin key");

    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.detail()).endsWith("although it is the secret the backend runs with");
    assertThat(key.hint()).startsWith("another process may answer on http://127.0.0.1:3210");
  }

  @Test
  void aStaleSecretsFileFailsTheSecretCheckWhileTheLiveKeyWorks() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(null, SECRET, null);

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("app", SECRET));

    assertThat(find(checks, "admin key").detail())
        .isEqualTo("a key issued from the credentials file in the backend's volume is accepted");
    DoctorCheck secret = find(checks, "instance secret");
    assertThat(secret.status()).isEqualTo(Status.FAIL);
    assertThat(secret.detail())
        .isEqualTo(
            "credentials file = A, secrets file = B (none in: spec"
                + " reference, container INSTANCE_SECRET)\nthe container runs with a different secret than"
                + " the secrets file "
                + d.secretsFile()
                + ": the secrets file is stale, or the volume was"
                + " recreated under a new secret");
    assertThat(secret.hint())
        .startsWith("`provision apply --adopt-secret=live` adopts the live secret");
  }

  @Test
  void noSecretAnywhere() {
    Deployment d = new Deployment(dir);

    DoctorCheck secret = find(examine(d, new FakeConvexBackend("app", SECRET)), "instance secret");

    assertThat(secret.status()).isEqualTo(Status.FAIL);
    assertThat(secret.detail())
        .isEqualTo(
            "no instance secret is known: no secret anywhere (none in:"
                + " spec reference, container INSTANCE_SECRET, credentials file, secrets file)");
  }

  @Test
  void anEnvFileKeyFromTheStaleSecretsFileIsTracedToIt() throws Exception {
    Deployment d =
        new Deployment(dir).storeSecret(OTHER).envFile(".env.local").backend(SECRET, SECRET, null);
    Files.writeString(
        d.envFile,
        "CONVEX_SELF_HOSTED_URL='http://127.0.0.1:3210'\n"
            + "CONVEX_SELF_HOSTED_ADMIN_KEY='"
            + AdminKeys.issue("app", HexFormat.of().parseHex(OTHER), false)
            + "'\n");

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("app", SECRET));

    assertThat(find(checks, "env file URL").status()).isEqualTo(Status.OK);
    DoctorCheck key = find(checks, "env file admin key");
    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.detail())
        .contains("different INSTANCE_SECRET")
        .endsWith("; it was issued from the secrets file, which the backend does not use");
    assertThat(key.hint())
        .endsWith(
            "`provision env-file "
                + d.spec().source()
                + "` writes it with a key from the backend container's INSTANCE_SECRET");
    assertThat(find(checks, "env file CONVEX_DEPLOYMENT").status()).isEqualTo(Status.OK);
  }

  @Test
  void anEnvFileWithTheRightKeyButAConflictingLineAndAnotherUrl() throws Exception {
    Deployment d =
        new Deployment(dir).storeSecret(SECRET).envFile(".env.local").backend(SECRET, SECRET, null);
    Files.writeString(
        d.envFile,
        "CONVEX_DEPLOYMENT=dev:happy-otter-123\n"
            + "CONVEX_SELF_HOSTED_URL=http://localhost:9999\n"
            + "CONVEX_SELF_HOSTED_ADMIN_KEY="
            + AdminKeys.issue("app", HexFormat.of().parseHex(SECRET), true)
            + "\n");

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("app", SECRET));

    DoctorCheck url = find(checks, "env file URL");
    assertThat(url.status()).isEqualTo(Status.FAIL);
    assertThat(url.detail())
        .isEqualTo(
            "CONVEX_SELF_HOSTED_URL is http://localhost:9999, the backend's"
                + " public URL is http://127.0.0.1:3210");
    DoctorCheck key = find(checks, "env file admin key");
    assertThat(key.status()).isEqualTo(Status.OK);
    assertThat(key.detail())
        .startsWith("verifies against the backend container's INSTANCE_SECRET (issued ")
        .endsWith(", read-only)");
    DoctorCheck conflict = find(checks, "env file CONVEX_DEPLOYMENT");
    assertThat(conflict.status()).isEqualTo(Status.FAIL);
    assertThat(conflict.detail())
        .isEqualTo(
            d.envFile
                + " has a CONVEX_DEPLOYMENT line: the Convex CLI"
                + " refuses it next to CONVEX_SELF_HOSTED_URL");
  }

  @Test
  void aMissingEnvFileSaysHowToWriteIt() {
    Deployment d =
        new Deployment(dir).storeSecret(SECRET).envFile(".env.local").backend(SECRET, SECRET, null);

    List<DoctorCheck> checks = examine(d, new FakeConvexBackend("app", SECRET));

    DoctorCheck url = find(checks, "env file URL");
    assertThat(url.status()).isEqualTo(Status.FAIL);
    assertThat(url.detail()).isEqualTo(d.envFile + " does not exist");
    assertThat(url.hint()).startsWith("`provision env-file ");
    assertThat(find(checks, "env file admin key").status()).isEqualTo(Status.SKIP);
  }
}
