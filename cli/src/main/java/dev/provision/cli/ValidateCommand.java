package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision validate SPEC...}: checks each spec and reports every problem in all of them.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Validate specs: every problem is reported as FILE:LINE:COL. Touches no target.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Spec files to validate.")
  List<Path> specs;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    boolean failed = false;
    for (Path spec : specs) {
      try {
        SpecResult result = cli.engine().read(spec, options.sets);
        result.warnings().forEach(w -> cli.err().println(w.render()));
        cli.out().println(spec + ": ok (deployment " + result.spec().deployment() + ")");
      } catch (ProvisionException e) {
        failed = true;
        for (Diagnostic d : e.diagnostics()) {
          cli.err().println(d.render());
        }
      }
    }
    cli.out().flush();
    cli.err().flush();
    return failed ? ExitCodes.ERROR : ExitCodes.OK;
  }
}
