package dev.provision.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Resource;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.spec.SpecReader;
import dev.provision.testing.TestSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volumes adoption looks for are the ones the compiler makes, for every kind of spec; and two
 * sets of secret values are the same only when compiling with either gives the same result.
 */
class CompilerVolumesTest {
  @TempDir Path dir;

  private static List<VolumeResource> compiled(Spec spec) {
    return DesiredStateCompiler.compile(spec, SecretValues.unknown()).resources().values().stream()
        .filter(VolumeResource.class::isInstance)
        .map(VolumeResource.class::cast)
        .toList();
  }

  private static void sameVolumes(Spec spec) {
    // in the same order: adoption reports the last volume a foreign writer mounts
    assertThat(DesiredStateCompiler.volumes(spec)).containsExactlyElementsOf(compiled(spec));
  }

  @Test
  void theVolumesAreTheCompiledOnes() throws IOException {
    sameVolumes(TestSpecs.quickstart());
    sameVolumes(TestSpecs.withDatabase(TestSpecs.quickstart(), TestSpecs.managedPostgres()));
    Path file = dir.resolve("spec.yaml");
    Files.writeString(
        file,
        "version: 1\ndeployment: app\nbackend:\n  image: "
            + "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n"
            + "  volume: app-data-by-hand\n"
            + "proxy:\n  ports: {http: 8080, https: 8443}\n"
            + "  names: {api: api.example.com}\n"
            + "database:\n  postgres:\n    managed: {}\n");
    Spec proxied = new SpecReader(Map.of()).read(file, List.of()).spec();
    assertThat(DesiredStateCompiler.volumes(proxied)).hasSize(3);
    sameVolumes(proxied);
  }

  @Test
  void secretValuesAreTheSameOnlyWhenEveryValueIs() {
    SecretValues some =
        new SecretValues(
            Optional.of(Value.secret("ab".repeat(32))),
            Optional.empty(),
            Optional.of(Value.secret("key")),
            Optional.empty());
    SecretValues again =
        new SecretValues(
            Optional.of(Value.secret("ab".repeat(32))),
            Optional.empty(),
            Optional.of(Value.secret("key")),
            Optional.empty());
    assertThat(some.sameAs(again)).isTrue();
    assertThat(some.sameAs(SecretValues.unknown())).isFalse();
    assertThat(SecretValues.unknown().sameAs(some)).isFalse();
    SecretValues otherKey =
        new SecretValues(
            Optional.of(Value.secret("ab".repeat(32))),
            Optional.empty(),
            Optional.of(Value.secret("key2")),
            Optional.empty());
    assertThat(some.sameAs(otherKey)).isFalse();
    SecretValues plain =
        new SecretValues(
            Optional.of(Value.plain("ab".repeat(32))),
            Optional.empty(),
            Optional.of(Value.secret("key")),
            Optional.empty());
    assertThat(some.sameAs(plain)).isFalse();
    for (SecretValues v : List.of(some, otherKey, plain, SecretValues.unknown())) {
      Resource instance =
          DesiredStateCompiler.compile(TestSpecs.quickstart(), v)
              .resources()
              .get(Names.INSTANCE_SECRET);
      assertThat(instance).isNotNull();
    }
  }
}
