package dev.provision.desired;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.provision.model.CanonicalConfig;
import dev.provision.model.ConfigHash;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.Resource;
import dev.provision.model.Value;
import dev.provision.testing.TestSpecs;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the config hash label ({@code v3:...}, and the older {@code v2:...}) of each container the
 * compiler makes from a fixed spec and a fixed hash key: backend, dashboard and managed Postgres. A
 * change of how a plan prints cannot move these; a change of what the compiler asks of Docker does,
 * and then every running deployment reports drift, so such a change must be deliberate. The hash is
 * built from the typed fields only: {@link CanonicalConfig} never reads the display attributes.
 */
class CompiledConfigHashTest {
  private static final ConfigHash HASHES = ConfigHash.keyed(filled(7));

  private static DesiredState compiled() {
    SecretValues secrets =
        new SecretValues(
            Optional.of(Value.secret("ab".repeat(32))),
            Optional.of(Value.secret("pg-password-1")),
            Optional.empty(),
            Optional.empty());
    return DesiredStateCompiler.compile(
        TestSpecs.withDatabase(TestSpecs.quickstart(), TestSpecs.managedPostgres()), secrets);
  }

  private static String hashOf(dev.provision.model.Address address) {
    return HASHES.of(container(address));
  }

  private static ContainerResource container(dev.provision.model.Address address) {
    Resource r = compiled().resources().get(address);
    return (ContainerResource) r;
  }

  @Test
  void theBackendHashIsPinned() {
    assertThat(hashOf(Names.BACKEND)).isEqualTo("v3:737ca27123ede4949513fa010858f483");
  }

  @Test
  void theDashboardHashIsPinned() {
    assertThat(hashOf(Names.DASHBOARD)).isEqualTo("v3:4dff54993454cd7d64b2177b6970e395");
  }

  @Test
  void theManagedPostgresHashIsPinned() {
    assertThat(hashOf(Names.POSTGRES_CONTAINER)).isEqualTo("v3:1b8c8b562072aa1e357350b16c7dc22a");
  }

  /**
   * The v2 labels written before health checks existed: the same spec still gives the same v2
   * values, so a running deployment labelled by an older provision still matches what runs.
   */
  @Test
  void theV2HashesOfTheSameSpecDidNotMove() {
    assertThat(HASHES.v2(container(Names.BACKEND)))
        .isEqualTo("v2:e363ef404ae087e2c28d2a2be050d2d0");
    assertThat(HASHES.v2(container(Names.DASHBOARD)))
        .isEqualTo("v2:d99ca97eca4f8c44383e68ea5bdc53d1");
    assertThat(HASHES.v2(container(Names.POSTGRES_CONTAINER)))
        .isEqualTo("v2:8d03717c4deb7a59e98910bed61447b6");
  }

  @Test
  void theBackendAndManagedPostgresHaveHealthChecksAndTheDashboardNone() {
    assertThat(container(Names.BACKEND).healthCheck().command())
        .containsExactly(
            "curl",
            "--fail",
            "--silent",
            "--output",
            "/dev/null",
            "--max-time",
            "4",
            "http://localhost:3210/version");
    assertThat(container(Names.POSTGRES_CONTAINER).healthCheck().command())
        .containsExactly(
            "pg_isready", "--quiet", "--host=127.0.0.1", "--port=5432", "--username=convex");
    assertThat(container(Names.POSTGRES_CONTAINER).healthCheck().interval())
        .isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(container(Names.DASHBOARD).healthCheck()).isNull();
  }

  @Test
  void theHashIsComputedTheSameTwice() {
    assertThat(hashOf(Names.BACKEND)).isEqualTo(hashOf(Names.BACKEND));
  }

  /**
   * The display attributes ({@link Resource#attributes()}) are text for a plan; the v2 hash must
   * not read them, so that rewording how a plan shows an attribute cannot move a label.
   */
  @Test
  void theCanonicalConfigNeverReadsTheDisplayAttributes() {
    noClasses()
        .that()
        .haveFullyQualifiedName(CanonicalConfig.class.getName())
        .or()
        .haveFullyQualifiedName(ConfigHash.class.getName())
        .should()
        .callMethodWhere(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "attributes()", call -> call.getTarget().getName().equals("attributes")))
        .check(new ClassFileImporter().importClasses(CanonicalConfig.class, ConfigHash.class));
  }

  private static byte[] filled(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
