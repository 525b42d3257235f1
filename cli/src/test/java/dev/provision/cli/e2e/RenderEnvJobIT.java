package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provision.driver.convex.HttpConvexAdminApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rendered env Job's script, run for real: a deployment applied on Docker with two env vars
 * (and one set by hand) is rendered with one of them dropped and the other changed; the Job's
 * command runs in the backend image on the deployment's network (where {@code backend} resolves, as
 * the Service name does in a cluster) with the ADMIN_KEY and body of the rendered Secret. The
 * dropped variable is deleted, the changed one set, the hand-set one untouched.
 */
class RenderEnvJobIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theEnvJobDeletesWhatTheSpecDroppedAndNothingElse() throws Exception {
    try (E2e e = new E2e()) {
      HttpConvexAdminApi api = DeploymentEnvIT.applyTwoVarsAndOneByHand(e);

      Path out = e.dir.resolve("k8s");
      Path secret = e.dir.resolve("secret.yaml");
      E2e.Run render =
          e.run(
              "render",
              DeploymentEnvIT.SPEC,
              "--to",
              "kubernetes",
              "--set",
              "dashboard.enabled=false",
              "--set",
              "env.FEATURE=beta",
              "--out",
              out.toString(),
              "--secrets",
              secret.toString());
      assertThat(render.code()).as(render.all()).isZero();
      JsonNode data = YAML.readTree(secret.toFile()).path("data");
      Path body = Files.createDirectories(e.dir.resolve("body"));
      Files.write(body.resolve("deployment-env.json"), decode(data, "deployment-env.json"));
      JsonNode job =
          YAML.readTree(out.resolve("job-" + e.deployment + "-deployment-env.yaml").toFile());
      JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(container.path("image").asText()).isEqualTo(E2e.backendImage());
      List<String> command = new ArrayList<>();
      container.path("command").forEach(c -> command.add(c.asText()));
      String network =
          SshE2e.run(
                  List.of(
                      "docker",
                      "inspect",
                      "-f",
                      "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}",
                      e.deployment + "-backend"))
              .trim();

      List<String> run =
          new ArrayList<>(
              List.of(
                  "docker",
                  "run",
                  "--rm",
                  "--name",
                  e.deployment + "-env-job",
                  "--network",
                  network,
                  "-e",
                  "ADMIN_KEY=" + new String(decode(data, "ADMIN_KEY"), StandardCharsets.UTF_8),
                  "-v",
                  body + ":/provision:ro",
                  "--entrypoint",
                  command.get(0),
                  container.path("image").asText()));
      run.addAll(command.subList(1, command.size()));
      String log = SshE2e.run(run);

      assertThat(log).contains("deleting OLD_FLAG (set by provision, no longer in the spec)");
      assertThat(log).doesNotContain("deleting MINE").doesNotContain("deleting FEATURE");
      assertThat(api.listEnvironmentVariables())
          .containsEntry("FEATURE", "beta")
          .containsEntry("MINE", "set by hand")
          .containsEntry("PROVISION_MANAGED_ENV", "FEATURE")
          .doesNotContainKey("OLD_FLAG");
    }
  }

  private static byte[] decode(JsonNode data, String key) {
    return Base64.getDecoder().decode(data.path(key).asText());
  }
}
