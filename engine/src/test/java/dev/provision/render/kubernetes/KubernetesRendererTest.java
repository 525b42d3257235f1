package dev.provision.render.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.SecretValues;
import dev.provision.diag.ProvisionException;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.secrets.SpecSecrets;
import dev.provision.spec.SpecReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes rendering of a compiled desired state: the same output whatever the secrets are
 * (they are references), no secret value in it, every object read back by the model with unknown
 * fields refused, and the Secret manifest holding exactly the values the references name.
 */
class KubernetesRendererTest {
  private static final Path SPECS = Path.of("..", "specs");
  private static final String SECRET = "5e".repeat(32);
  private static final String PASSWORD = "pw-known-value-0042";
  private static final String JWT = "-----BEGIN PRIVATE KEY----- jwt-known-value-0043";
  private static final String JWKS = "{\"keys\":[\"jwks-known-value-0044\"]}";
  private static final Map<String, String> ENV =
      Map.of(
          "AUTH_GITHUB_SECRET",
          "gh-known-value-0045",
          "PGPASSWORD",
          "pg-known-value-0046",
          "CONVEX_INSTANCE_SECRET",
          "7a".repeat(32),
          "OPENAI_API_KEY",
          "sk-known-value-0047");

  private static Spec spec(String example) {
    return new SpecReader(ENV).read(SPECS.resolve(example), List.of()).spec();
  }

  private static DesiredState known(Spec spec) {
    SecretValues secrets =
        new SecretValues(
            Optional.of(Value.secret(SECRET)),
            Optional.of(Value.secret(PASSWORD)),
            Optional.of(Value.secret(JWT)),
            Optional.of(Value.secret(JWKS)));
    return DesiredStateCompiler.compile(spec, secrets);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quickstart.yaml",
        "postgres-managed.yaml",
        "postgres-external.yaml",
        "auth-github.yaml",
        "proxy-https.yaml",
        "production-ssh.yaml"
      })
  void theOutputHoldsNoSecretAndDoesNotDependOnThem(String example) {
    Spec spec = spec(example);
    String offline =
        KubernetesRenderer.render(
            DesiredStateCompiler.compile(spec, SpecSecrets.of(spec)), spec.proxy())
            .stream();
    String withSecrets = KubernetesRenderer.render(known(spec), spec.proxy()).stream();

    assertThat(withSecrets).isEqualTo(offline);
    for (String secret :
        List.of(
            SECRET,
            PASSWORD,
            JWT,
            JWKS,
            "jwt-known",
            "gh-known",
            "pg-known-value",
            "7a".repeat(8))) {
      assertThat(withSecrets).doesNotContain(secret);
    }
    assertThat(withSecrets).doesNotContain(SecretValues.UNKNOWN.text());
  }

  @Test
  void stateOwnersAreOneReplicaOrderedReadyStatefulSets() {
    List<HasMetadata> objects =
        KubernetesRenderer.objects(
            known(spec("postgres-managed.yaml")), spec("quickstart.yaml").proxy());
    List<StatefulSet> sets =
        objects.stream()
            .filter(StatefulSet.class::isInstance)
            .map(StatefulSet.class::cast)
            .toList();
    assertThat(sets)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("pg-managed-postgres", "pg-managed-backend");
    for (StatefulSet s : sets) {
      assertThat(s.getSpec().getReplicas()).isEqualTo(1);
      assertThat(s.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
      assertThat(s.getSpec().getVolumeClaimTemplates()).hasSize(1);
    }
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "StatefulSet",
            "Service",
            "Job",
            "StatefulSet",
            "Service",
            "Job",
            "Deployment",
            "Service");
  }

  @Test
  void theModelRefusesAnUnknownField() {
    String yaml = KubernetesRender.manifests(spec("quickstart.yaml")).manifests().get(0).yaml();
    assertThat(ManifestYaml.parse(yaml, StatefulSet.class).getSpec().getReplicas()).isEqualTo(1);

    String misspelt = yaml.replace("  replicas: 1", "  replicaz: 1");
    assertThat(misspelt).isNotEqualTo(yaml);
    assertThatThrownBy(() -> ManifestYaml.parse(misspelt, StatefulSet.class))
        .hasMessageContaining("replicaz");
  }

  @Test
  void theSecretHoldsTheReferencedValuesAndTheEnvBody() {
    String yaml = SecretManifest.of(known(spec("auth-github.yaml")));
    Map<String, String> data =
        ManifestYaml.parse(yaml, io.fabric8.kubernetes.api.model.Secret.class).getData();

    assertThat(data).containsOnlyKeys("ADMIN_KEY", "INSTANCE_SECRET", "deployment-env.json");
    assertThat(decode(data.get("INSTANCE_SECRET"))).isEqualTo(SECRET);
    assertThat(decode(data.get("ADMIN_KEY"))).startsWith("auth-demo|01");
    assertThat(decode(data.get("deployment-env.json")))
        .contains("{\"name\":\"AUTH_GITHUB_SECRET\",\"value\":\"gh-known-value-0045\"}")
        .contains("{\"name\":\"JWT_PRIVATE_KEY\",\"value\":\"" + JWT + "\"}")
        .contains("\"name\":\"SITE_URL\"");
  }

  @Test
  void managedPostgresSecretsAreKeyedByTheirEnvNames() {
    String yaml = SecretManifest.of(known(spec("postgres-managed.yaml")));
    Map<String, String> data =
        ManifestYaml.parse(yaml, io.fabric8.kubernetes.api.model.Secret.class).getData();

    // no env var: the env Job still runs (it deletes what an earlier spec set), with no change
    assertThat(data)
        .containsOnlyKeys(
            "ADMIN_KEY",
            "INSTANCE_SECRET",
            "POSTGRES_PASSWORD",
            "POSTGRES_URL",
            "deployment-env.json");
    assertThat(decode(data.get("deployment-env.json"))).isEqualTo("{\"changes\":[]}");
    assertThat(decode(data.get("POSTGRES_PASSWORD"))).isEqualTo(PASSWORD);
    assertThat(decode(data.get("POSTGRES_URL"))).contains(PASSWORD).contains("@postgres:5432");
  }

  @Test
  void aSecretManifestNeedsKnownSecrets() {
    Spec spec = spec("quickstart.yaml");
    assertThatThrownBy(
            () -> SecretManifest.of(DesiredStateCompiler.compile(spec, SpecSecrets.of(spec))))
        .hasMessageContaining("not known");
  }

  @Test
  void aHostFileMountIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path file = dir.resolve("spec.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "version: 1",
            "deployment: with-ca",
            "database:",
            "  postgres:",
            "    external:",
            "      url: postgres://convex@db.example.com:5432",
            "      password: ${env:PGPASSWORD}",
            "      caFile: ca.pem",
            ""));
    Spec spec = new SpecReader(ENV).read(file, List.of()).spec();
    assertThatThrownBy(() -> KubernetesRender.manifests(spec))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot give a pod");
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Test
  void aNamespaceComesFirstAndHoldsEveryObjectAndTheSecret() {
    Spec spec = spec("quickstart.yaml");
    KubernetesManifests m = KubernetesRenderer.render(known(spec), spec.proxy(), "shop");
    assertThat(m.manifests().get(0).yaml())
        .startsWith("apiVersion: v1\nkind: Namespace\nmetadata:\n")
        .contains("\n  name: shop\n")
        .contains("app.kubernetes.io/managed-by: provision");
    assertThat(m.manifests().subList(1, m.manifests().size()))
        .allSatisfy(o -> assertThat(o.yaml()).contains("\n  namespace: shop\n"));
    assertThat(SecretManifest.of(known(spec), "shop")).contains("\n  namespace: shop\n");
    assertThat(KubernetesRenderer.render(known(spec), spec.proxy(), null).stream())
        .doesNotContain("namespace:")
        .doesNotContain("kind: Namespace");
    assertThatThrownBy(() -> KubernetesRenderer.render(known(spec), spec.proxy(), "Shop_1"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("`--namespace` Shop_1 is not a valid name");
  }
}
