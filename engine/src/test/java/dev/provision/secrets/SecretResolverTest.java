package dev.provision.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.desired.SecretValues;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.SecretKind;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.testing.TestSpecs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Where the managed Postgres password comes from: the live deployment before anything else. */
class SecretResolverTest {
  private static final String SECRET = "0123456789abcdef".repeat(4);

  private static final String PASSWORD = "p@ss/w:rd%";
  private final Spec spec =
      TestSpecs.withDatabase(TestSpecs.quickstart(), TestSpecs.managedPostgres());

  private ObservedState live(Address... addresses) {
    var desired =
        DesiredStateCompiler.compile(
            spec,
            new SecretValues(
                Optional.of(Value.secret(SECRET)),
                Optional.of(Value.secret(PASSWORD)),
                Optional.empty(),
                Optional.empty()));
    TreeMap<Address, ObservedResource> map = new TreeMap<>();
    for (Address a : addresses) {
      map.put(a, ObservedResource.of(desired.resources().get(a)));
    }
    return new ObservedState("app", map);
  }

  private SecretResolver.Resolved resolve(ObservedState live, Map<String, String> file) {
    return SecretResolver.resolve(
        spec,
        new SecretResolver.Sources(
            live, Optional::empty, file, Map.of(), true, SecretResolver.Generators.random()));
  }

  @Test
  void thePasswordComesFromThePostgresContainerThenTheBackendsUrlThenTheFile() {
    Map<String, String> file = Map.of(SecretKind.POSTGRES_PASSWORD.fileKey(), "from-file");
    var both = resolve(live(Names.POSTGRES_CONTAINER, Names.BACKEND), file);
    assertThat(both.values().postgresPassword().orElseThrow().text()).isEqualTo(PASSWORD);

    var backendOnly = resolve(live(Names.BACKEND), Map.of());
    assertThat(backendOnly.values().postgresPassword().orElseThrow().text()).isEqualTo(PASSWORD);
    assertThat(backendOnly.sources())
        .containsEntry(SecretKind.POSTGRES_PASSWORD, SecretSource.LIVE);

    var fileOnly = resolve(live(), file);
    assertThat(fileOnly.values().postgresPassword().orElseThrow().text()).isEqualTo("from-file");

    var fresh = resolve(live(), Map.of());
    assertThat(fresh.sources()).containsEntry(SecretKind.POSTGRES_PASSWORD, SecretSource.GENERATED);
  }

  @Test
  void aBackendUrlForAnotherUserIsNotAdopted() {
    Spec other =
        TestSpecs.withDatabase(
            TestSpecs.quickstart(),
            new dev.provision.model.Database.ManagedPostgres("postgres:17", "pg", "admin", null));
    var r =
        SecretResolver.resolve(
            other,
            new SecretResolver.Sources(
                live(Names.BACKEND),
                Optional::empty,
                Map.of(),
                Map.of(),
                false,
                SecretResolver.Generators.random()));
    assertThat(r.values().postgresPassword()).isEmpty();
    assertThat(List.copyOf(r.sources().values())).contains(SecretSource.UNKNOWN);
  }
}
