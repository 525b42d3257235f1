package dev.provision.cli;

import dev.provision.engine.DoctorCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code provision doctor SPEC}: checks a deployment end to end; exit 0 only when all is well. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check a deployment step by step (the answer to \"BadAdminKey\"): the target, the backend"
          + " container, /version, /instance_name, an admin key issued from the secret provision"
          + " holds, where copies of the secret differ, and the app's env file.",
      "Prints one line per check (ok, FAIL or skip) and a verdict; exits 1 when a check fails."
          + " Never prints a secret."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Mixin FleetOptions fleet;

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description = "The spec file; several check one deployment each and end with a summary.")
  List<Path> specs;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (specs.size() > 1) {
      return Fleet.runAll(
          cli,
          specs,
          options.sets,
          fleet,
          new FleetBlocks(cli, FleetBlocks.Style.TEXT, "doctor"),
          (own, member) -> Fleet.Done.of(doctorOne(own, member.spec())));
    }
    return doctorOne(cli, specs.get(0));
  }

  private int doctorOne(Cli cli, Path spec) {
    List<DoctorCheck> checks = cli.engine().doctor(spec, options.sets);
    cli.out().print(DoctorView.render(checks));
    cli.out().flush();
    boolean failed = checks.stream().anyMatch(c -> c.status() == DoctorCheck.Status.FAIL);
    return failed ? ExitCodes.ERROR : ExitCodes.OK;
  }
}
