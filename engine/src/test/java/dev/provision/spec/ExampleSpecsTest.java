package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Database;
import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in {@code specs/} reads without errors and starts with the schema comment (the
 * overlay schema for a file with {@code extends:}).
 */
class ExampleSpecsTest {
  static final Path SPECS = Path.of("../specs");

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(SPECS)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void readsWithoutErrors(Path file) throws IOException {
    SpecResult result = Fixtures.reader().read(file, List.of());
    assertThat(result.spec().deployment()).isNotBlank();
    List<String> lines = Files.readAllLines(file);
    String first = lines.get(0);
    boolean overlay = lines.stream().anyMatch(l -> l.startsWith("extends:"));
    assertThat(first)
        .startsWith("# yaml-language-server: $schema=")
        .endsWith(
            overlay
                ? "schemas/provision-overlay-v1.schema.json"
                : "schemas/provision-v1.schema.json");
    assertThat(file.resolveSibling(first.substring(first.indexOf('=') + 1))).exists();
  }

  @Test
  void quickstartIsAllDefaults() {
    SpecResult result = Fixtures.reader().read(SPECS.resolve("quickstart.yaml"), List.of());
    var spec = result.spec();
    assertThat(spec.target()).isEqualTo(Target.Docker.local());
    assertThat(spec.backend().image()).isEqualTo("ghcr.io/get-convex/convex-backend:latest");
    assertThat(spec.backend().cloudOrigin()).isEqualTo("http://127.0.0.1:3210");
    assertThat(spec.backend().siteOrigin()).isEqualTo("http://127.0.0.1:3211");
    assertThat(spec.backend().volume()).isEqualTo("quickstart-data");
    assertThat(spec.dashboard().image()).isEqualTo("ghcr.io/get-convex/convex-dashboard:latest");
    assertThat(spec.dashboard().deploymentUrl()).isEqualTo("http://127.0.0.1:3210");
    assertThat(spec.database()).isEqualTo(new Database.Sqlite());
    assertThat(spec.secrets().file())
        .isEqualTo(Path.of("../specs/.provision/quickstart.secrets.json"));
    assertThat(spec.auth().enabled()).isFalse();
    assertThat(spec.env()).isEmpty();
    assertThat(result.warnings())
        .extracting(Diagnostic::render)
        .containsExactly(
            "../specs/quickstart.yaml:5:1: warning: `backend.image` is not set, so the moving tag"
                + " :latest is used\n  at: backend.image\n  hint: pin the 40-hex git SHA tag of a"
                + " release, such as ghcr.io/get-convex/convex-backend:<sha>");
  }

  @Test
  void productionSshMarksReferencedValuesSensitive() {
    var spec = Fixtures.reader().read(SPECS.resolve("production-ssh.yaml"), List.of()).spec();
    assertThat(spec.target())
        .isEqualTo(
            new Target.Ssh(
                "convex.example.com",
                0,
                "deploy",
                "~/.ssh/id_ed25519",
                Target.KnownHosts.STRICT,
                null,
                null,
                null));
    assertThat(spec.env().get("OPENAI_API_KEY").sensitive()).isTrue();
    assertThat(spec.env().get("FEATURE_FLAG").sensitive()).isFalse();
    assertThat(spec.secrets().instanceSecret().text()).isEqualTo(Fixtures.INSTANCE_SECRET);
    assertThat(spec.dashboard().deploymentUrl()).isEqualTo("https://api.example.com");
  }

  @Test
  void externalPostgresPasswordComesFromTheEnvironment() {
    var spec = Fixtures.reader().read(SPECS.resolve("postgres-external.yaml"), List.of()).spec();
    var pg = (Database.ExternalPostgres) spec.database();
    assertThat(pg.password().text()).isEqualTo("pg-secret-value");
    assertThat(pg.password().sensitive()).isTrue();
    assertThat(pg.ssl()).isEqualTo(Database.SslMode.REQUIRE);
    assertThat(spec.toString()).doesNotContain("pg-secret-value");
  }
}
