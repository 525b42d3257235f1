package dev.provision.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The graph walker is generic: it must not know about steps, drivers or the model. */
class GraphIndependenceTest {
  @Test
  void graphDependsOnNoOtherProvisionPackage() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.provision");
    noClasses()
        .that()
        .resideInAPackage("dev.provision.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.provision.diag..",
            "dev.provision.model..",
            "dev.provision.observe..",
            "dev.provision.plan..",
            "dev.provision.driver..",
            "dev.provision.exec..")
        .check(classes);
  }

  @Test
  void readinessDoesNotDependOnTheExecutor() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.provision");
    noClasses()
        .that()
        .resideInAPackage("dev.provision.exec.ready..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.provision.exec", "dev.provision.exec.steps..")
        .check(classes);
  }
}
