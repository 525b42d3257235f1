package dev.provision.render.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code render --out DIR} deletes: only a file provision wrote for this deployment and no
 * longer writes; a user's file, another deployment's, a Secret, a link, or a file whose name does
 * not match its object are left alone.
 */
class ManifestFilesTest {
  @TempDir Path dir;

  private static String object(String kind, String name, String deployment) {
    return String.join(
        "\n",
        "apiVersion: batch/v1",
        "kind: " + kind,
        "metadata:",
        "  labels:",
        "    app.kubernetes.io/managed-by: provision",
        "    dev.provision.deployment: " + deployment,
        "  name: " + name,
        "");
  }

  @Test
  void deletesOnlyStaleFilesOfThisDeployment() throws Exception {
    Files.writeString(
        dir.resolve("job-shop-create-database.yaml"),
        object("Job", "shop-create-database", "shop"));
    Files.writeString(dir.resolve("job-other-x.yaml"), object("Job", "other-x", "other"));
    Files.writeString(dir.resolve("secret.yaml"), object("Secret", "shop-secrets", "shop"));
    Files.writeString(dir.resolve("job-renamed.yaml"), object("Job", "shop-y", "shop"));
    Files.writeString(dir.resolve("notes.yaml"), "my: notes\n");
    Files.writeString(dir.resolve("broken.yaml"), "kind: [\n");
    Files.writeString(
        dir.resolve("job-shop-two.yaml"),
        object("Job", "shop-two", "shop") + "---\n" + object("Job", "shop-two", "shop"));
    Files.createSymbolicLink(
        dir.resolve("job-shop-link.yaml"), dir.resolve("job-shop-create-database.yaml"));
    KubernetesManifests now =
        new KubernetesManifests(
            List.of(
                new KubernetesManifests.Manifest(
                    "Job", "shop-env", object("Job", "shop-env", "shop"))),
            List.of());

    ManifestFiles.Result r = ManifestFiles.write(now, "shop", dir);

    assertThat(r.written()).containsExactly(dir.resolve("job-shop-env.yaml"));
    assertThat(r.deleted()).containsExactly(dir.resolve("job-shop-create-database.yaml"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "broken.yaml",
              "job-other-x.yaml",
              "job-renamed.yaml",
              "job-shop-env.yaml",
              "job-shop-link.yaml",
              "job-shop-two.yaml",
              "notes.yaml",
              "secret.yaml");
    }
    assertThat(ManifestFiles.write(now, "shop", dir).deleted()).isEmpty();
  }
}
