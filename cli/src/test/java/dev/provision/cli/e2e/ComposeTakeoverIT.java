package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Taking over a deployment started with the official docker compose file: a backend container with
 * restart policy {@code always} and compose labels on a plain volume, its secret only in the
 * volume's credentials file. Apply adopts the volume (never recreates it), takes the compose
 * backend out (stopped, restart: no) before its own backend starts on the same data with the same
 * secret, so a key issued from the original secret keeps working.
 */
class ComposeTakeoverIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String CREDENTIALS = "/convex/data/credentials/instance_secret";

  @Test
  void applyAdoptsTheVolumeAndTakesTheComposeBackendOut() throws Exception {
    try (E2e e = new E2e()) {
      String volume = e.deployment + "-composedata";
      String compose = e.deployment + "-compose-backend-1";
      try {
        Docker.run("volume", "create", volume);
        Docker.run(
            "run",
            "-d",
            "--name",
            compose,
            "--restart",
            "always",
            "--label",
            "com.docker.compose.project=" + e.deployment + "-compose",
            "--label",
            "com.docker.compose.service=backend",
            "-e",
            "INSTANCE_NAME=" + e.deployment,
            "-v",
            volume + ":/convex/data",
            E2e.backendImage());
        String original = awaitSecret(compose);
        String oldKey = Live.adminKey(e.deployment, original);
        String[] sets = {"--set", "dashboard.enabled=false", "--set", "backend.volume=" + volume};

        E2e.Run plan = e.run("plan", SPEC, sets);
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.out())
            .contains("& volume.data")
            .contains("~ writer." + compose)
            .doesNotContain("+ volume.data")
            .doesNotContain("docker volume rm");

        E2e.Run apply = e.run("apply", SPEC, with(sets, "--yes"));
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(
                Docker.run(
                    "inspect",
                    "-f",
                    "{{.State.Running}} {{.HostConfig.RestartPolicy.Name}}",
                    compose))
            .isEqualTo("false no");
        assertThat(Live.instanceSecret(e.dir.resolve("secrets.json"))).isEqualTo(original);
        assertThat(Live.api(e.cloudUrl(), oldKey).checkAdminKey().accepted()).isTrue();
        assertThat(
                Docker.run(
                    "inspect",
                    "-f",
                    "{{index .Config.Labels \"dev.provision.adopted-volumes\"}}",
                    e.deployment + "-backend"))
            .isEqualTo(volume);

        E2e.Run doctor = e.run("doctor", SPEC, sets);
        assertThat(doctor.code()).as(doctor.all()).isZero();
        E2e.Run again = e.run("plan", SPEC, with(sets, "--detailed-exitcode"));
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.");

        E2e.Run otherName =
            e.run("plan", SPEC, with(sets, "--set", "deployment=" + e.deployment + "-x"));
        assertThat(otherName.code()).isEqualTo(1);
        assertThat(otherName.err()).contains("belongs to the instance '" + e.deployment + "'");
        assertThat(String.join("\n", e.outputs)).doesNotContain(original);
      } finally {
        e.close();
        Docker.quietly("rm", "-f", compose);
        Docker.quietly("volume", "rm", volume);
      }
    }
  }

  static String awaitSecret(String container) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        String secret = Docker.run("exec", container, "cat", CREDENTIALS);
        if (secret.length() == 64) {
          return secret;
        }
      } catch (IllegalStateException notYet) {
        // the backend has not written it yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the compose backend wrote no credentials");
  }

  static String[] with(String[] sets, String... more) {
    String[] out = java.util.Arrays.copyOf(sets, sets.length + more.length);
    System.arraycopy(more, 0, out, sets.length, more.length);
    return out;
  }
}
