package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.provision.desired.Names;
import dev.provision.driver.convex.AdminKeyStatus;
import dev.provision.driver.convex.HttpConvexAdminApi;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.engine.ApplyOptions;
import dev.provision.engine.ApplyResult;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import dev.provision.exec.ExecListener;
import dev.provision.model.Target;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor and admin-key SPEC against a deployment of the backend stand-in image, applied by the
 * engine exactly as {@code provision apply} does (dashboard off, random 127.0.0.1 ports, a unique
 * pt-ccli- name). Skipped when Docker or the stand-in image is missing; removes everything after.
 */
class ConvexCommandsIT {
  static final String IMAGE = "provision-test/convex-backend:latest";
  static final String OTHER = "fedcba9876543210".repeat(4);

  @TempDir Path dir;
  String deployment;
  Path spec;
  int apiPort;
  Map<String, String> env;

  @BeforeEach
  void deploy() throws Exception {
    env = System.getenv();
    boolean ready;
    try (DockerHostDriver docker = DockerHostDriver.connect(Target.Docker.local(), env)) {
      ready = docker.hasImage(IMAGE);
    } catch (RuntimeException e) {
      ready = false;
    }
    assumeTrue(ready, "needs Docker and " + IMAGE + " (testing/setup.sh builds it)");
    deployment = "pt-ccli-" + UUID.randomUUID().toString().substring(0, 8);
    apiPort = freePort();
    spec = dir.resolve("app.yaml");
    Files.writeString(
        spec,
        "version: 1\n"
            + "deployment: "
            + deployment
            + "\n"
            + "backend:\n"
            + "  image: "
            + IMAGE
            + "\n"
            + "  ports:\n"
            + "    api: "
            + apiPort
            + "\n"
            + "    site: "
            + freePort()
            + "\n"
            + "dashboard:\n"
            + "  enabled: false\n"
            + "outputs:\n"
            + "  envFile: .env.local\n");
    Engine engine =
        new Engine(env, new Drivers(env, dev.provision.driver.ssh.PassphrasePrompt.NONE));
    try (LiveSession session = engine.open(spec, List.of(), Engine.Mode.APPLY)) {
      ApplyResult result =
          engine.apply(
              session, ExecListener.NONE, new ApplyOptions(false, dir.resolve("journal"), 2));
      assertThat(result.execution().committed()).as("apply committed").isTrue();
    }
  }

  @AfterEach
  void cleanUp() {
    if (deployment == null) {
      return;
    }
    try (DockerHostDriver docker = DockerHostDriver.connect(Target.Docker.local(), env)) {
      docker.removeContainer(Names.container(deployment, "backend"));
      quietly(() -> docker.removeNetwork(Names.network(deployment)));
      quietly(() -> docker.removeVolume(deployment + "-data"));
    }
  }

  @Test
  void doctorFindsAFreshDeploymentHealthy() {
    CliRun run = CliRun.of(env, "doctor", spec.toString());

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out())
        .contains(
            "ok    target: ",
            "ok    backend container: " + deployment + "-backend runs",
            "ok    instance name: " + deployment,
            "ok    admin key: a key issued from the backend container's"
                + " INSTANCE_SECRET is accepted",
            "ok    env file admin key: verifies",
            "verdict: healthy");
  }

  @Test
  void adminKeyForTheSpecIsAcceptedByTheBackend() {
    CliRun run = CliRun.of(env, "admin-key", spec.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    String key = run.out().strip();
    AdminKeyStatus status =
        new HttpConvexAdminApi(URI.create("http://127.0.0.1:" + apiPort), key).checkAdminKey();
    assertThat(status.accepted()).isTrue();
    assertThat(run.err()).isEqualTo("note: issued from the backend container's INSTANCE_SECRET\n");
  }

  @Test
  void doctorNamesAStaleSecretsFileAndAStaleEnvFileKey() throws Exception {
    Path secrets = dir.resolve(".provision").resolve(deployment + ".secrets.json");
    Files.writeString(secrets, "{\"instanceSecret\": \"" + OTHER + "\"}\n");
    Path envFile = dir.resolve(".env.local");
    CliRun generated =
        CliRun.of(
            Map.of("CONVEX_INSTANCE_SECRET", OTHER),
            "admin-key",
            "generate",
            "--instance-name",
            deployment);
    Files.writeString(
        envFile,
        "CONVEX_SELF_HOSTED_URL='http://127.0.0.1:"
            + apiPort
            + "'\n"
            + "CONVEX_SELF_HOSTED_ADMIN_KEY='"
            + generated.out().strip()
            + "'\n");

    CliRun run = CliRun.of(env, "doctor", spec.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "FAIL  instance secret: ",
            "the container runs with a different secret than the secrets file",
            "FAIL  env file admin key: the key was issued by a backend with a different INSTANCE_SECRET",
            "it was issued from the secrets file, which the backend does not use");
    assertThat(run.all()).doesNotContain(OTHER);
  }

  @Test
  void doctorShowsAStoppedBackend() {
    try (DockerHostDriver docker = DockerHostDriver.connect(Target.Docker.local(), env)) {
      docker.stopContainer(Names.container(deployment, "backend"), 10);
    }

    CliRun run = CliRun.of(env, "doctor", spec.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "FAIL  backend container: " + deployment + "-backend is not running",
            "skip  backend version: the backend container does not run");
  }

  private static int freePort() throws IOException {
    return dev.provision.testing.FreePorts.pick(); // below the ephemeral range
  }

  private static void quietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // already gone
    }
  }
}
