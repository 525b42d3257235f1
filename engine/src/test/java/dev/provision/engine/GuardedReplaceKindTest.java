package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.Names;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.Value;
import dev.provision.plan.Reversibility;
import dev.provision.plan.StepAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which replaces apply guards with a backup, from typed data only: a forward-only backend replace,
 * a storage switch away from SQLite, a Postgres image of another (or unknown) major; not a switch
 * away from Postgres, a same-major Postgres image, or a restart-only backend change.
 */
class GuardedReplaceKindTest {
  private static final Value URL = Value.secret("postgres://convex:pw@postgres:5432");

  @Test
  void aForwardOnlyBackendReplaceIsAnUpgrade() {
    assertThat(of(backend("b:1", Map.of()), backend("b:2", Map.of()), Reversibility.FORWARD_ONLY))
        .contains(GuardedReplace.BACKEND_UPGRADE);
  }

  @Test
  void aSwitchFromSqliteIsGuardedButNotOneFromPostgres() {
    var sqlite = backend("b:1", Map.of());
    var postgres = backend("b:1", Map.of("POSTGRES_URL", URL));
    var s3 = backend("b:1", Map.of("AWS_REGION", Value.plain("eu-west-1")));
    assertThat(of(sqlite, postgres, Reversibility.REVERSIBLE))
        .contains(GuardedReplace.STORAGE_SWITCH);
    assertThat(of(sqlite, s3, Reversibility.REVERSIBLE)).contains(GuardedReplace.STORAGE_SWITCH);
    assertThat(of(s3, sqlite, Reversibility.REVERSIBLE)).contains(GuardedReplace.STORAGE_SWITCH);
    assertThat(of(postgres, sqlite, Reversibility.REVERSIBLE)).isEmpty();
    assertThat(
            of(sqlite, backend("b:1", Map.of("LOG", Value.plain("x"))), Reversibility.REVERSIBLE))
        .isEmpty();
  }

  @Test
  void aPostgresImageOfAnotherOrUnknownMajorIsGuarded() {
    assertThat(of(pg("postgres:16"), pg("postgres:17"), Reversibility.REVERSIBLE))
        .contains(GuardedReplace.POSTGRES_MAJOR);
    assertThat(of(pg("postgres:16"), pg("postgres:latest"), Reversibility.REVERSIBLE))
        .contains(GuardedReplace.POSTGRES_MAJOR);
    assertThat(of(pg("postgres:16.2"), pg("postgres:16.4"), Reversibility.REVERSIBLE)).isEmpty();
    // a password change replaces Postgres on the same image, even a moving tag
    assertThat(of(pg("postgres:latest"), pg("postgres:latest"), Reversibility.REVERSIBLE))
        .isEmpty();
  }

  private static Optional<GuardedReplace> of(
      ContainerResource before, ContainerResource after, Reversibility r) {
    return GuardedReplace.of(new StepAction.ReplaceContainer(before, after, Optional.of("h"), r));
  }

  private static ContainerResource backend(String image, Map<String, Value> env) {
    return container(Names.BACKEND, image, env, Mount.volume("data", "/convex/data"));
  }

  private static ContainerResource pg(String image) {
    return container(
        Names.POSTGRES_CONTAINER, image, Map.of(), Mount.volume("pg", "/var/lib/postgresql/data"));
  }

  private static ContainerResource container(
      Address address, String image, Map<String, Value> env, Mount mount) {
    return new ContainerResource(
        address,
        "app-" + address.name(),
        image,
        new TreeMap<>(env),
        List.of(),
        List.of(mount),
        "app-net",
        null,
        List.of(),
        "unless-stopped",
        null,
        10,
        null,
        List.of(),
        null);
  }
}
