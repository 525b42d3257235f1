package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.LiveSession;
import dev.provision.exec.StopRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code provision apply SPEC SPEC...}: one apply per deployment, each with its own lock, at most
 * --parallel at once, each block printed whole in the order given, then a summary; the exit code is
 * the worst ({@link ExitFold}). With --yes each deployment is planned and applied in one go. On a
 * terminal without --yes every plan is shown first (the locks held), then one question covers them
 * all. On both paths the locks are taken in {@link LockTurns sorted order}, so two commands with
 * overlapping specs never deadlock. Ctrl-C or SIGTERM rolls back the applies that run and starts no
 * other.
 */
final class FleetApply {
  private final ApplyCommand apply;
  private final Cli cli;
  private final FleetBlocks blocks;

  FleetApply(ApplyCommand apply, Cli cli) {
    this.apply = apply;
    this.cli = cli;
    this.blocks = new FleetBlocks(cli, FleetBlocks.Style.TEXT, "apply");
  }

  int run() {
    for (Path spec : apply.specs) {
      if (SavedPlanApply.isPlanFile(spec)) {
        throw ProvisionException.of(
            spec + " is a saved plan: a saved plan is applied on its own",
            "run `provision apply " + spec + "` alone");
      }
    }
    if (!apply.yes && !cli.terminal()) {
      throw ProvisionException.of(
          "refusing to apply "
              + apply.specs.size()
              + " specs without confirmation: there is no terminal to ask",
          "pass --yes to confirm (as in CI)");
    }
    apply.fleet.parallel(); // a bad --parallel is refused before any lock is taken
    List<FleetMember> members = FleetMember.read(cli, apply.specs, apply.options.sets);
    return apply.yes ? unattended(members) : confirmed(members);
  }

  /** --yes: each deployment is planned and applied by one job. */
  private int unattended(List<FleetMember> members) {
    try (Interrupts interrupts = Interrupts.install(cli)) {
      Fleet fleet = new Fleet(cli, apply.fleet, blocks, () -> interrupts.signal() != null);
      LockTurns turns = LockTurns.sorted(members);
      List<FleetOutcome> outcomes =
          fleet.run(
              members,
              turns,
              (own, member) -> {
                StopRequest stop = interrupts.another(); // also ends its wait for the lock
                ApplyCommand.Prepared prepared =
                    apply.prepare(own, member.spec(), turns.of(member), stop);
                try (LiveSession session = prepared.session()) {
                  return execute(own, prepared, interrupts, stop);
                }
              });
      return finish(outcomes, interrupts);
    }
  }

  /** On a terminal: every plan first (locks held), one question, then the applies. */
  private int confirmed(List<FleetMember> members) {
    Map<Integer, ApplyCommand.Prepared> ready = new ConcurrentHashMap<>();
    List<Runnable> hooks = new ArrayList<>();
    try {
      LockTurns turns = LockTurns.sorted(members);
      List<FleetOutcome> planned;
      // a signal while the plans are made: no new plan starts, nothing is applied, every lock is
      // released; the handler there was before comes back at once (a second signal ends it all)
      try (Interrupts planning = Interrupts.installForPlanning(cli)) {
        planned =
            new Fleet(cli, apply.fleet, blocks, () -> planning.signal() != null)
                .run(
                    members,
                    turns,
                    (own, member) -> {
                      ApplyCommand.Prepared prepared =
                          apply.prepare(own, member.spec(), turns.of(member), planning.another());
                      int changes = prepared.session().plan().changes().size();
                      if (prepared.nothingToDo()) {
                        prepared.session().close();
                      } else {
                        ready.put(member.index(), prepared);
                      }
                      return Fleet.Done.of(ExitCodes.OK, changes);
                    });
        if (planning.signal() != null) {
          List<FleetOutcome> outcomes = new ArrayList<>(planned);
          ready.keySet().forEach(i -> outcomes.set(i, FleetOutcome.skipped(members.get(i))));
          ready.values().forEach(p -> p.session().close());
          ready.clear();
          Execution.notStarted(cli, "applied", planning);
          return finish(outcomes, planning);
        }
        // before the handlers go: from here a signal ends the process, and the hooks the locks
        ready.values().forEach(p -> hooks.add(Execution.releaseOnExit(p.session())));
      }
      boolean anyFailed = planned.stream().anyMatch(FleetOutcome::failed);
      if (ready.isEmpty() || (apply.fleet.failFast && anyFailed)) {
        List<FleetOutcome> outcomes = new ArrayList<>(planned);
        ready.keySet().forEach(i -> outcomes.set(i, FleetOutcome.skipped(members.get(i))));
        return finish(outcomes, null);
      }
      String names =
          ready.keySet().stream()
              .sorted()
              .map(i -> members.get(i).name())
              .collect(Collectors.joining(", "));
      Confirm.ask(
          cli,
          "\nApply these changes to " + ready.size() + " deployments (" + names + ")?",
          "yes",
          "apply");
      hooks.forEach(Runnable::run);
      hooks.clear();
      List<FleetMember> chosen = ready.keySet().stream().sorted().map(members::get).toList();
      try (Interrupts interrupts = Interrupts.install(cli)) {
        List<FleetOutcome> applied =
            new Fleet(cli, apply.fleet, blocks, () -> interrupts.signal() != null)
                .run(
                    chosen,
                    (own, member) -> {
                      ApplyCommand.Prepared prepared = ready.remove(member.index());
                      try (LiveSession session = prepared.session()) {
                        return execute(own, prepared, interrupts, interrupts.another());
                      }
                    });
        List<FleetOutcome> outcomes = new ArrayList<>(planned);
        applied.forEach(o -> outcomes.set(o.member().index(), o));
        return finish(outcomes, interrupts);
      }
    } finally {
      hooks.forEach(Runnable::run);
      ready.values().forEach(p -> p.session().close()); // not run: the locks are released
    }
  }

  /** Runs one prepared plan, stopped by {@code stop}, unless a signal came first. */
  private Fleet.Done execute(
      Cli own, ApplyCommand.Prepared prepared, Interrupts interrupts, StopRequest stop) {
    int changes = prepared.session().plan().changes().size();
    if (prepared.nothingToDo()) {
      return Fleet.Done.of(ExitCodes.OK, 0);
    }
    if (interrupts.signal() != null) {
      own.out().println("\nNot applied: " + interrupts.signal() + " came before it started.");
      return Fleet.Done.of(interrupts.exitCode().getAsInt(), changes);
    }
    return Fleet.Done.of(apply.execute(own, prepared, interrupts, stop), changes);
  }

  private int finish(List<FleetOutcome> outcomes, Interrupts interrupts) {
    List<Integer> codes = new ArrayList<>(outcomes.stream().map(FleetOutcome::exitCode).toList());
    if (interrupts != null) {
      interrupts.exitCode().ifPresent(codes::add);
    }
    int exit = ExitFold.worst(codes);
    blocks.finish(outcomes, exit);
    return exit;
  }
}
