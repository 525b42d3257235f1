package dev.provision.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each of the engine's packages may use of the others: the pipeline read from left to right
 * (spec, model, desired, live, observe, plan, exec, engine). A new dependency between packages is a
 * design decision, so it is written here first; this test fails until it is.
 */
class PackageAllowListTest {
  /** Package (with its sub-packages) -> the project packages it may depend on. */
  static final Map<String, Set<String>> ALLOWED = new TreeMap<>();

  static {
    ALLOWED.put("diag", Set.of());
    ALLOWED.put("graph", Set.of());
    ALLOWED.put("outputs", Set.of());
    // the spec reader builds the typed spec model
    ALLOWED.put("spec", Set.of("diag", "model"));
    ALLOWED.put("model", Set.of());
    // pure domain knowledge: admin keys, auth keys, Postgres URLs
    ALLOWED.put("convex", Set.of("diag", "model"));
    ALLOWED.put("postgres", Set.of("diag", "model"));
    // spec -> desired state
    ALLOWED.put("desired", Set.of("convex", "model", "postgres"));
    // records of what a target holds (no I/O)
    ALLOWED.put("live", Set.of("model"));
    // talking to hosts: Docker, SSH, Postgres, the Convex admin API
    ALLOWED.put("driver", Set.of("diag", "live", "model", "postgres"));
    // reading a target through the drivers
    ALLOWED.put(
        "observe",
        Set.of("convex", "desired", "diag", "driver", "live", "model", "outputs", "postgres"));
    // the Convex knowledge the generic planner is given: risks, start order, data-touching replaces
    ALLOWED.put("policy", Set.of("convex", "desired", "live", "model", "plan", "postgres"));
    // the pure planner
    ALLOWED.put("plan", Set.of("diag", "live", "model"));
    // secret resolution and the secrets file
    ALLOWED.put(
        "secrets",
        Set.of("convex", "desired", "diag", "driver", "live", "model", "observe", "postgres"));
    // the executor and its steps
    ALLOWED.put(
        "exec", Set.of("diag", "driver", "graph", "live", "model", "outputs", "plan", "secrets"));
    ALLOWED.put("lock", Set.of("diag", "driver", "exec", "live", "model"));
    // the app's functions: content hash, the Convex CLI run as a child process (no target I/O)
    ALLOWED.put("functions", Set.of("convex", "diag", "model", "outputs"));
    // backup archives: manifest, checksums, the private backup folder
    ALLOWED.put("backup", Set.of("diag", "secrets"));
    // rendering the desired state for another engine (Kubernetes manifests and their Secret)
    ALLOWED.put(
        "render",
        Set.of(
            "convex", "desired", "diag", "driver", "live", "model", "postgres", "secrets", "spec"));
    // the front door: may use everything
    ALLOWED.put(
        "engine",
        Set.of(
            "backup",
            "convex",
            "desired",
            "diag",
            "driver",
            "exec",
            "functions",
            "graph",
            "live",
            "lock",
            "model",
            "observe",
            "outputs",
            "plan",
            "policy",
            "postgres",
            "secrets",
            "spec"));
  }

  private static JavaClasses engine;

  @BeforeAll
  static void importClasses() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));
  }

  static Stream<String> packages() {
    return ALLOWED.keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("packages")
  void usesOnlyWhatItIsAllowed(String pkg) {
    Set<String> allowed = ALLOWED.get(pkg);
    String[] forbidden =
        ALLOWED.keySet().stream()
            .filter(other -> !other.equals(pkg) && !allowed.contains(other))
            .map(other -> "dev.provision." + other + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage("dev.provision." + pkg + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .allowEmptyShould(true)
        .check(engine);
  }

  @Test
  void everyPackageIsListed() {
    List<String> found =
        engine.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.startsWith("dev.provision."))
            .map(p -> p.substring("dev.provision.".length()).split("\\.")[0])
            .distinct()
            .sorted()
            .toList();
    assertThat(ALLOWED.keySet()).containsAll(found);
  }
}
