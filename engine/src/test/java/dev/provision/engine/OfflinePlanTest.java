package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Plan;
import dev.provision.spec.ReferenceMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans against empty or an older spec with no secret values: an unset reference plans as
 * "(sensitive, from env NAME)", the same reference on both sides as unchanged, another one (or
 * other text around it) as changed. No target is touched.
 */
class OfflinePlanTest {
  private static final String HEAD =
      "version: 1\n"
          + "deployment: app\n"
          + "backend:\n"
          + "  image: ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n";

  @TempDir Path dir;

  private final Engine engine = new Engine(Map.of("SET", "set-value-42"), null);

  private Path spec(String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, HEAD + body);
    return file;
  }

  private Plan plan(String newBody, String oldBody) throws Exception {
    Path now = spec("new.yaml", newBody);
    Path old = spec("old.yaml", oldBody);
    return engine.planOffline(now, List.of(), new Against.OtherSpec(old), ReferenceMode.OFFLINE);
  }

  /** One line per changed attribute: address, path, then each side as a plan may show it. */
  private static String changes(Plan plan) {
    return plan.changes().stream()
        .flatMap(
            c ->
                c.attributes().stream()
                    .map(a -> c.address() + " " + c.action().word() + " " + line(a)))
        .collect(Collectors.joining("\n"));
  }

  private static String line(AttributeChange a) {
    return a.path() + ": " + side(a.before()) + " -> " + side(a.after());
  }

  private static String side(Value v) {
    return v == null ? "none" : v.display();
  }

  @Test
  void againstEmptyShowsWhereTheValueWillComeFrom() throws Exception {
    Path file =
        spec(
            "new.yaml",
            "database:\n"
                + "  postgres:\n"
                + "    managed:\n"
                + "      password: ${env:PGPASSWORD}\n"
                + "env:\n"
                + "  KEY: ${file:key.txt}\n");

    Plan plan = engine.planOffline(file, List.of(), new Against.Empty(), ReferenceMode.OFFLINE);

    assertThat(changes(plan))
        .contains(
            "env.KEY create value: none -> (sensitive, from file key.txt)",
            "container.postgres create env.POSTGRES_PASSWORD: none -> (sensitive, from env"
                + " PGPASSWORD)",
            "container.backend create env.POSTGRES_URL: none -> (sensitive, from env"
                + " PGPASSWORD)");
  }

  @Test
  void anExternalPostgresUrlFromTheEnvironmentPlansOffline() throws Exception {
    String body =
        "database:\n"
            + "  postgres:\n"
            + "    external:\n"
            + "      url: ${env:DATABASE_URL}\n"
            + "      password: ${env:PGPASSWORD}\n";
    Path file = spec("new.yaml", body);

    Plan plan = engine.planOffline(file, List.of(), new Against.Empty(), ReferenceMode.OFFLINE);

    assertThat(changes(plan))
        .contains(
            "database.postgres create server: none -> (sensitive, from env DATABASE_URL)",
            "container.backend create env.POSTGRES_URL: none -> (sensitive, from env"
                + " DATABASE_URL, env PGPASSWORD)");
    assertThat(plan(body, body).changes()).isEmpty();
    assertThat(changes(plan(body.replace("DATABASE_URL", "OTHER_URL"), body)))
        .contains("server: (sensitive, from env DATABASE_URL) -> (sensitive, from env OTHER_URL)");
  }

  @Test
  void theSameReferenceIsUnchanged() throws Exception {
    String body =
        "secrets:\n"
            + "  instanceSecret: ${env:INSTANCE}\n"
            + "env:\n"
            + "  KEY: ${env:KEY}\n"
            + "  MIXED: ${env:SET}/${env:UNSET}\n";

    assertThat(plan(body, body).changes()).isEmpty();
  }

  @Test
  void anotherReferenceIsAChange() throws Exception {
    assertThat(changes(plan("env:\n  KEY: ${env:B}\n", "env:\n  KEY: ${env:A}\n")))
        .isEqualTo("env.KEY update value: (sensitive, from env A) -> (sensitive, from env B)");
  }

  @Test
  void otherTextAroundTheSameReferenceIsAChange() throws Exception {
    assertThat(changes(plan("env:\n  KEY: y-${env:A}\n", "env:\n  KEY: x-${env:A}\n")))
        .isEqualTo("env.KEY update value: (sensitive, from env A) -> (sensitive, from env A)");
  }

  @Test
  void aLiteralThatReadsLikeAReferenceIsNotTheReference() throws Exception {
    assertThat(changes(plan("env:\n  KEY: ${env:A}\n", "env:\n  KEY: $${env:A}\n")))
        .isEqualTo("env.KEY update value: ${env:A} -> (sensitive, from env A)");
  }

  @Test
  void aSetReferenceIsComparedByValue() throws Exception {
    assertThat(plan("env:\n  KEY: ${env:SET}\n", "env:\n  KEY: set-value-42\n").changes())
        .isEmpty();
  }

  @Test
  void requireReferencesRefusesAnUnsetOne() throws Exception {
    Path file = spec("new.yaml", "env:\n  KEY: ${env:KEY}\n");

    assertThatThrownBy(
            () -> engine.planOffline(file, List.of(), new Against.Empty(), ReferenceMode.RESOLVE))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("environment variable `KEY` is not set");
    assertThatThrownBy(() -> engine.planOffline(file, List.of(), new Against.Empty()))
        .isInstanceOf(ProvisionException.class);
  }

  @Test
  void liveCommandsStillResolveEveryReference() throws Exception {
    Path file = spec("new.yaml", "secrets:\n  instanceSecret: ${env:INSTANCE}\n");

    assertThatThrownBy(() -> engine.authConfig(file, List.of()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("environment variable `INSTANCE` is not set");
    assertThatThrownBy(() -> engine.read(file, List.of())).isInstanceOf(ProvisionException.class);
  }
}
