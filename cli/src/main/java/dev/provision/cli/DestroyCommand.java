package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.ApplyOptions;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import dev.provision.exec.StopRequest;
import dev.provision.lock.LockTurn;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code provision destroy SPEC}: removes the deployment's containers and network. Volumes, the
 * database and the secrets file are kept (an apply brings the same deployment back, with the same
 * secret) unless --delete-data is given, which asks again. A volume provision adopted (made outside
 * it) is deleted only when named: typed at a terminal, or --delete-adopted-volumes without one
 * ({@link AdoptedVolumes}).
 */
@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description =
        "Remove containers and the network; keep volumes and databases unless --delete-data.")
final class DestroyCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;
  @Mixin LockOptions lock;
  @Spec CommandSpec commandSpec;

  @Mixin FleetOptions fleet;

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description =
          "The spec file; several destroy one deployment each, --parallel at once (they need"
              + " --yes, and on a terminal --delete-data is given one spec at a time).")
  List<Path> specs;

  @Option(names = "--yes", description = "Do not ask for confirmation (CI).")
  boolean yes;

  @Option(
      names = "--delete-data",
      description =
          "Also delete volumes and the database: the data is gone for good. Asks again (type the deployment name).")
  boolean deleteData;

  @Option(
      names = "--delete-adopted-volumes",
      description =
          "With --delete-data and no terminal: also delete the volumes provision adopted (made "
              + "outside it). On a terminal each one is asked for by name instead.")
  boolean deleteAdopted;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (deleteAdopted && !deleteData) {
      throw ProvisionException.of(
          "--delete-adopted-volumes needs --delete-data: without it no data is deleted",
          "add --delete-data, or leave out --delete-adopted-volumes");
    }
    if (specs.size() > 1) {
      return several(cli);
    }
    return destroyOne(cli, specs.get(0), null, LockTurn.ANY).exitCode();
  }

  /**
   * Several specs: each deployment destroyed by its own job with its own lock; never asked, so
   * --yes is required, and on a terminal --delete-data is refused (its deletion is confirmed by
   * typing each deployment's name, one spec at a time).
   */
  private int several(Cli cli) {
    if (!yes) {
      throw ProvisionException.of(
          "refusing to destroy " + specs.size() + " deployments without --yes",
          "pass --yes to destroy them all, or destroy one spec at a time to be asked");
    }
    if (deleteData && cli.terminal()) {
      throw ProvisionException.of(
          "--delete-data with several specs on a terminal: each deletion is confirmed by typing"
              + " its deployment's name",
          "destroy --delete-data one spec at a time");
    }
    fleet.parallel();
    List<FleetMember> members = FleetMember.read(cli, specs, options.sets);
    FleetBlocks blocks = new FleetBlocks(cli, FleetBlocks.Style.TEXT, "destroy");
    try (Interrupts interrupts = Interrupts.install(cli)) {
      LockTurns turns = LockTurns.sorted(members);
      List<FleetOutcome> outcomes =
          new Fleet(cli, fleet, blocks, () -> interrupts.signal() != null)
              .run(
                  members,
                  turns,
                  (own, member) -> destroyOne(own, member.spec(), interrupts, turns.of(member)));
      List<Integer> codes = new java.util.ArrayList<>();
      outcomes.forEach(o -> codes.add(o.exitCode()));
      interrupts.exitCode().ifPresent(codes::add);
      int exit = ExitFold.worst(codes);
      blocks.finish(outcomes, exit);
      return exit;
    }
  }

  /** Destroys one spec's deployment; {@code interrupts} null: installs its own signal handlers. */
  private Fleet.Done destroyOne(Cli cli, Path spec, Interrupts interrupts, LockTurn turn) {
    // one spec: a signal while the lock is taken and the plan made stops before anything is
    // destroyed, and releases the lock; several specs: a signal stops (the process goes on), so it
    // must also end the lock's wait
    Interrupts planning = interrupts == null ? Interrupts.installForPlanning(cli) : null;
    StopRequest stop = interrupts == null ? planning.stop() : interrupts.another();
    try {
      return destroyOne(cli, spec, interrupts, turn, stop, planning);
    } catch (RuntimeException e) {
      if (planning != null && planning.signal() != null) {
        return Fleet.Done.of(Execution.notStarted(cli, "destroyed", planning), 0);
      }
      throw e;
    } finally {
      if (planning != null) {
        planning.close();
      }
    }
  }

  private Fleet.Done destroyOne(
      Cli cli,
      Path spec,
      Interrupts interrupts,
      LockTurn turn,
      StopRequest stop,
      Interrupts planning) {
    Engine.Mode mode = deleteData ? Engine.Mode.DESTROY_DATA : Engine.Mode.DESTROY;
    try (LiveSession opened =
        cli.engine()
            .open(
                spec,
                options.sets,
                mode,
                (deleteData // deleting the data leaves nothing half-written to protect
                        ? lock.request(commandSpec).takingOverInterruptedRestore()
                        : lock.request(commandSpec))
                    .inTurn(turn)
                    .stoppedBy(stop))) {
      List<String> adopted = opened.adoptedVolumes();
      Set<String> unattended = AdoptedVolumes.unattended(cli.terminal(), deleteAdopted, adopted);
      LiveSession session =
          unattended.isEmpty() ? opened : opened.deletingAdoptedVolumes(unattended);
      boolean askAdopted = cli.terminal() && !adopted.isEmpty();
      if (Execution.showPlan(cli, session) && !askAdopted) {
        return Fleet.Done.of(ExitCodes.OK, 0);
      }
      session.refuseBlocked(); // --delete-data with the data out of reach: before any question
      if (planning != null && planning.signal() != null) { // the lock goes with the session
        return Fleet.Done.of(Execution.notStarted(cli, "destroyed", planning), 0);
      }
      Runnable running = Execution.releaseOnExit(opened);
      if (planning != null) {
        planning.close(); // from here a signal ends the process, and the hook releases the lock
      }
      String name = session.spec().deployment();
      if (!yes) {
        Confirm.ask(cli, "\nDestroy " + name + "?", "yes", "destroy");
      }
      if (deleteData && cli.terminal()) {
        Confirm.ask(
            cli,
            "This deletes the data of " + name + " for good. Type the deployment name.",
            name,
            "delete data");
      }
      if (askAdopted) {
        Set<String> confirmed = AdoptedVolumes.ask(cli.out(), adopted, Confirm::readLine);
        if (!confirmed.isEmpty()) {
          session = opened.deletingAdoptedVolumes(confirmed);
        } else if (session.plan().isEmpty()) {
          return Fleet.Done.of(ExitCodes.OK, 0);
        }
      }
      running.run();
      int changes = session.plan().changes().size();
      ApplyOptions destroy = new ApplyOptions(false, Journals.dir(spec), 2);
      if (interrupts != null && interrupts.signal() != null) {
        cli.out().println("\nNot destroyed: " + interrupts.signal() + " came before it started.");
        return Fleet.Done.of(interrupts.exitCode().getAsInt(), changes);
      }
      Execution.Ran ran =
          interrupts == null
              ? Execution.run(cli, session, "destroy", destroy)
              : Execution.run(cli, session, "destroy", destroy, interrupts, stop);
      return Fleet.Done.of(ran.exitCode(ran.result().execution().committed()), changes);
    }
  }
}
