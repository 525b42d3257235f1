package dev.provision.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's layout honest: packages follow the pipeline (spec, model, desired, observe,
 * plan, graph, exec, drivers) with no cycles, pure packages stay free of drivers, the graph walker
 * knows nothing of the domain, and the engine never prints or exits.
 */
class PackageRulesTest {
  private static JavaClasses engine;

  @BeforeAll
  static void importClasses() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.provision.(*)..").should().beFreeOfCycles().check(engine);
  }

  @Test
  void theGraphWalkerKnowsNoDomain() {
    noClasses()
        .that()
        .resideInAPackage("dev.provision.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.provision.model..",
            "dev.provision.plan..",
            "dev.provision.driver..",
            "dev.provision.exec..",
            "dev.provision.spec..")
        .allowEmptyShould(true)
        .check(engine);
  }

  @Test
  void pureCodeDoesNotTouchDrivers() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.provision.model..",
            "dev.provision.plan..",
            "dev.provision.desired..",
            "dev.provision.spec..",
            "dev.provision.diag..",
            "dev.provision.convex..",
            "dev.provision.policy..",
            "dev.provision.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.provision.driver..", "dev.provision.exec..", "dev.provision.engine..")
        .check(engine);
  }

  /**
   * The planner is generic: what the parts of a Convex deployment are (roles, env vars, secrets)
   * reaches it only through the {@code DeploymentPolicy} its caller passes.
   */
  @Test
  void thePlannerKnowsNoConvexRoles() {
    noClasses()
        .that()
        .resideInAPackage("dev.provision.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.provision.desired..", "dev.provision.convex..", "dev.provision.policy..")
        .check(engine);
  }

  @Test
  void theEngineNeverPrintsOrExits() {
    noClasses()
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .check(engine);
  }

  /**
   * The Kubernetes model is for {@code render} only: no other package touches it, so no other
   * command loads it (see the CLI's RenderClassLoadingTest for the run-time proof).
   */
  @Test
  void onlyTheKubernetesRendererUsesTheKubernetesModel() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.provision.render.kubernetes..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fabric8..")
        .check(engine);
  }
}
