package dev.provision.exec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step keeps nothing between apply and undo: what its apply did goes into the {@link Applied}
 * record it returns. So no step in {@code dev.provision.exec} (or below) may have an instance field
 * that is not final, such as the {@code volatile boolean created} steps once had.
 */
class StepsKeepNoStateTest {
  private static final ArchRule STEPS_HAVE_ONLY_FINAL_FIELDS =
      fields()
          .that()
          .areDeclaredInClassesThat()
          .areAssignableTo(Step.class)
          .and()
          .areDeclaredInClassesThat()
          .resideInAPackage("dev.provision.exec..")
          .and()
          .areNotStatic()
          .should()
          .beFinal()
          .because("what a step's apply did belongs in the Applied record it returns");

  @Test
  void everyStepFieldIsFinal() {
    JavaClasses engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target", "classes"));

    STEPS_HAVE_ONLY_FINAL_FIELDS.check(engine);
  }

  @Test
  void theRuleCatchesAStepThatRemembersWhatItDid() {
    JavaClasses bad = new ClassFileImporter().importClasses(RemembersStep.class);

    assertThat(STEPS_HAVE_ONLY_FINAL_FIELDS.evaluate(bad).hasViolation()).isTrue();
  }

  /** The pattern the rule forbids: state set by apply and read later. */
  private static final class RemembersStep implements Step {
    private volatile boolean created;

    @Override
    public String id() {
      return "x";
    }

    @Override
    public List<String> dependsOn() {
      return List.of();
    }

    @Override
    public String description() {
      return "remember";
    }

    @Override
    public Applied apply(StepContext context) {
      created = true;
      return Applied.of(Undo.notNeeded("created: " + created));
    }
  }
}
