package dev.provision.cli;

import dev.provision.driver.LockRecord;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision unlock SPEC}: breaks the deployment's lock by hand, after showing who holds it.
 * Needed only when a holder on another machine is gone and its lock has not expired yet; a holder
 * on this machine that died, or an expired lock, is taken over by the next apply by itself.
 */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = "Break the deployment's lock (shows the holder; asks unless --yes).")
final class UnlockCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    Optional<LockRecord> lock = cli.engine().lockOf(spec, options.sets);
    if (lock.isEmpty()) {
      cli.out().println("No lock: nobody is applying or destroying this deployment.");
      return ExitCodes.OK;
    }
    LockRecord l = lock.get();
    cli.out().println("Locked by " + l.holder().describe());
    cli.out().println("  apply id: " + l.holder().applyId());
    cli.out().println("  started:  " + l.holder().started());
    cli.out().println("  step:     " + l.step().orElse("(before its first step)"));
    cli.out().println("  renewed until " + l.expires());
    cli.out().flush();
    if (!yes) {
      Confirm.ask(
          cli,
          "Break this lock? If that apply still runs, two applies will run at once.",
          "yes",
          "break the lock");
    }
    cli.engine().breakLock(spec, options.sets, l.id());
    cli.out().println("Lock broken.");
    return ExitCodes.OK;
  }
}
