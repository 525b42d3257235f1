package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.DriverFactory;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run of several specs reads each spec once; a lone command reads it every time. */
class SpecReadsTest {
  private static final String TOKEN = "tok-3f9a-secret";

  @TempDir Path dir;

  private final DriverFactory none =
      target -> {
        throw new AssertionError("no target is opened here");
      };
  private final Engine engine = new Engine(Map.of("APP_TOKEN", TOKEN), none);

  private Path spec(String deployment) throws Exception {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(
        file,
        "version: 1\n"
            + "deployment: "
            + deployment
            + "\n"
            + "backend:\n"
            + "  image: ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n"
            + "env:\n"
            + "  APP_TOKEN: ${env:APP_TOKEN}\n");
    return file;
  }

  @Test
  void aRunOfSeveralSpecsGetsTheFirstReadOfEachSpecAgain() throws Exception {
    Path file = spec("first");
    Engine several = engine.forSeveral(none);
    SpecResult first = several.read(file, List.of("backend.bind=127.0.0.1"));

    spec("second"); // edited after the run read it: the run goes on with what it checked
    assertThat(several.read(dir.resolve("./spec.yaml"), List.of("backend.bind=127.0.0.1")))
        .isSameAs(first);
    assertThat(several.read(file, List.of())).isNotSameAs(first); // other --set: read again
    assertThat(several.read(file, List.of()).spec().deployment()).isEqualTo("second");
    assertThat(several.read(file, List.of("backend.bind=127.0.0.1"), ReferenceMode.OFFLINE))
        .isNotSameAs(first); // another mode: read again
    assertThat(engine.read(file, List.of("backend.bind=127.0.0.1")).spec().deployment())
        .isEqualTo("second"); // a lone command reads the file as it is now
  }

  @Test
  void aReadThatFailsIsNotKept() throws Exception {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, "version: 1\ndeployment: [broken\n");
    Engine several = engine.forSeveral(none);
    assertThatThrownBy(() -> several.read(file, List.of())).isInstanceOf(ProvisionException.class);

    spec("fixed");
    assertThat(several.read(file, List.of()).spec().deployment()).isEqualTo("fixed");
  }

  @Test
  void whatARunOfSeveralSpecsReadsIsMaskedByTheEngineItCameFrom() throws Exception {
    Path file = spec("masked");
    assertThat(engine.sensitive().redact("token " + TOKEN)).contains(TOKEN);

    engine.forSeveral(none).read(file, List.of());

    assertThat(engine.sensitive().redact("token " + TOKEN)).doesNotContain(TOKEN);
  }
}
