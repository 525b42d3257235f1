package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Spec;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision validate SPEC...}: checks each spec and reports every problem in all of them.
 * Needs no secret values: an unset reference in a sensitive field is fine unless {@code
 * --require-references} is given.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate specs: every problem is reported as FILE:LINE:COL, and two specs naming the same"
            + " deployment on the same target. Touches no target.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Option(
      names = "--require-references",
      description =
          "Fail on any unset $${env:} or missing $${file:} (by default a sensitive value's"
              + " reference may be unset: validate needs no secrets).")
  boolean requireReferences;

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Spec files to validate.")
  List<Path> specs;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    boolean failed = false;
    List<FleetMember> members = new ArrayList<>();
    List<Optional<Spec>> read = new ArrayList<>();
    for (Path spec : specs) {
      members.add(new FleetMember(members.size(), spec, Optional.empty(), Optional.empty()));
      read.add(Optional.empty());
      try {
        SpecResult result =
            cli.engine()
                .read(
                    spec,
                    options.sets,
                    requireReferences ? ReferenceMode.RESOLVE : ReferenceMode.OFFLINE);
        read.set(read.size() - 1, Optional.of(result.spec()));
        members.set(
            members.size() - 1,
            new FleetMember(
                members.size() - 1,
                spec,
                Optional.of(result.spec().deployment()),
                Optional.of(FleetMember.describe(result.spec().target()))));
        result.warnings().forEach(w -> cli.err().println(w.render()));
        cli.out().println(spec + ": ok (deployment " + result.spec().deployment() + ")");
      } catch (ProvisionException e) {
        failed = true;
        for (Diagnostic d : e.diagnostics()) {
          cli.err().println(d.render());
        }
      }
    }
    for (Diagnostic d : FleetMember.clashes(members, read, cli.env())) {
      failed = true;
      cli.err().println(d.render());
    }
    cli.out().flush();
    cli.err().flush();
    return failed ? ExitCodes.ERROR : ExitCodes.OK;
  }
}
