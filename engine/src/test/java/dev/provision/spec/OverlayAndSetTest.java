package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Database;
import dev.provision.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay merge rule and {@code --set} overrides. */
class OverlayAndSetTest {
  private static final Path OVERLAYS = Path.of("../specs/overlays");

  @Test
  void stagingMergesMappingsAndReplacesScalars() {
    var spec = Fixtures.reader().read(OVERLAYS.resolve("staging.yaml"), List.of()).spec();
    assertThat(spec.deployment()).isEqualTo("shop-staging");
    assertThat(spec.backend().apiPort()).isEqualTo(4210);
    assertThat(spec.backend().knobs().rustLog()).isEqualTo("debug");
    assertThat(spec.backend().image()).endsWith(":0123456789abcdef0123456789abcdef01234567");
    assertThat(spec.dashboard().port()).isEqualTo(7791);
    assertThat(spec.env()).containsOnlyKeys("FEATURE_FLAG", "SUPPORT_EMAIL");
    assertThat(spec.env().get("FEATURE_FLAG").text()).isEqualTo("on");
    assertThat(spec.backend().volume()).isEqualTo("shop-staging-data");
    assertThat(spec.source()).isEqualTo(OVERLAYS.resolve("staging.yaml"));
  }

  @Test
  void prodRemovesAKeyWithNull() {
    var spec = Fixtures.reader().read(OVERLAYS.resolve("prod.yaml"), List.of()).spec();
    assertThat(spec.deployment()).isEqualTo("shop");
    assertThat(spec.env()).containsOnlyKeys("FEATURE_FLAG");
    assertThat(spec.target()).isInstanceOf(Target.Ssh.class);
    assertThat(spec.database()).isInstanceOf(Database.ExternalPostgres.class);
    assertThat(spec.backend().siteOrigin()).isEqualTo("https://api.shop.example.com/http");
  }

  @Test
  void positionsPointIntoTheFileAValueCameFrom(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("base.yaml"), "version: 1\ndeployment: app\nbackend:\n  bind: nope\n");
    Files.writeString(
        dir.resolve("over.yaml"), "extends: base.yaml\nbackend:\n  volume: \"a b\"\n");
    assertThatThrownBy(() -> Fixtures.reader().read(dir.resolve("over.yaml"), List.of()))
        .isInstanceOfSatisfying(
            ProvisionException.class,
            e ->
                assertThat(e.diagnostics())
                    .extracting(
                        d -> d.position().file() + ":" + d.position().line() + " " + d.path())
                    .contains(
                        dir.resolve("base.yaml") + ":4 backend.bind",
                        dir.resolve("over.yaml") + ":3 backend.volume"));
  }

  @Test
  void setsAreTypedAndAppliedAfterOverlays() {
    var result =
        Fixtures.reader()
            .read(
                OVERLAYS.resolve("staging.yaml"),
                List.of(
                    "dashboard.enabled=false",
                    "backend.ports.api=5000",
                    "env.NEW=${env:OPENAI_API_KEY}",
                    "env.FEATURE_FLAG=",
                    "deployment=shop-preview",
                    "env.QUOTED=\"true\""));
    var spec = result.spec();
    assertThat(spec.dashboard().enabled()).isFalse();
    assertThat(spec.backend().apiPort()).isEqualTo(5000);
    assertThat(spec.backend().cloudOrigin()).isEqualTo("http://127.0.0.1:5000");
    assertThat(spec.env().get("NEW").sensitive()).isTrue();
    assertThat(spec.env().get("QUOTED").text()).isEqualTo("true");
    assertThat(spec.env()).doesNotContainKey("FEATURE_FLAG");
    assertThat(spec.deployment()).isEqualTo("shop-preview");
  }

  @Test
  void setCreatesMissingMappings() {
    var spec =
        Fixtures.reader()
            .read(
                Path.of("../specs/quickstart.yaml"),
                List.of(
                    "backend.image=ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567",
                    "target.ssh.host=example.com"))
            .spec();
    assertThat(spec.dashboard().image())
        .isEqualTo("ghcr.io/get-convex/convex-dashboard:0123456789abcdef0123456789abcdef01234567");
    // unset: the user's OpenSSH config may name one; root is the default when connecting
    assertThat(((Target.Ssh) spec.target()).host()).isEqualTo("example.com");
    assertThat(((Target.Ssh) spec.target()).user()).isNull();
  }

  @Test
  void mergeRule() {
    var base =
        YamlComposer.compose(
            "b", "a: {x: 1, y: 2}\nl: [1, 2]\ns: 1\nk: 1\n", new dev.provision.diag.Diagnostics());
    var over =
        YamlComposer.compose(
            "o",
            "a: {y: 3, z: 4}\nl: [9]\ns: {m: 1}\nk: null\n",
            new dev.provision.diag.Diagnostics());
    var merged = TreeMerge.merge(base, over);
    assertThat(JsonView.of(merged).toString())
        .isEqualTo("{\"a\":{\"x\":1,\"y\":3,\"z\":4},\"l\":[9],\"s\":{\"m\":1}}");
    assertThat(((YNode.YMap) merged.get("a")).entries().get("x").keyPosition().file())
        .isEqualTo("b");
    assertThat(((YNode.YMap) merged.get("a")).entries().get("z").keyPosition().file())
        .isEqualTo("o");
  }
}
