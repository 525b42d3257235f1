package dev.provision.cli;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.model.Spec;
import dev.provision.model.VolumeResource;
import dev.provision.spec.ReferenceMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs one job per spec of a several-spec command in this JVM, at most {@code parallel} at once,
 * started in the order given. Each job writes to its own buffers; each finished block is printed
 * whole, in the order given (a block waits for the ones before it), so outputs never interleave.
 * With --fail-fast, or once {@code stopped} says so (a signal), no new job starts and the ones not
 * started are skipped.
 */
final class Fleet {
  /** The work for one spec, given a {@link Cli} that writes into that spec's buffers. */
  interface Job {
    Done run(Cli cli, FleetMember member);
  }

  /**
   * What a job returns: its exit code and, when it counts them, its changes.
   *
   * @param changes planned, applied or pending changes; empty when not counted
   */
  record Done(int exitCode, OptionalInt changes) {
    static Done of(int exitCode) {
      return new Done(exitCode, OptionalInt.empty());
    }

    static Done of(int exitCode, int changes) {
      return new Done(exitCode, OptionalInt.of(changes));
    }
  }

  private final Cli cli;
  private final int parallel;
  private final boolean failFast;
  private final BooleanSupplier stopped;
  private final FleetBlocks blocks;

  /**
   * @param blocks how a finished block is printed (nothing for a JSON document printed at the end)
   * @param stopped true once no new job may start (a signal came)
   */
  Fleet(Cli cli, FleetOptions options, FleetBlocks blocks, BooleanSupplier stopped) {
    this.cli = cli;
    this.parallel = options.parallel();
    this.failFast = options.failFast;
    this.blocks = blocks;
    this.stopped = stopped;
  }

  /**
   * A read-only several-spec command (plan, status, doctor): reads every spec once (refusing two
   * with the same deployment and target), runs {@code job} for each (deployments on one Docker
   * engine share its connection), prints the blocks and the summary and returns the worst exit code
   * ({@link ExitFold}).
   */
  static int runAll(
      Cli cli,
      List<java.nio.file.Path> specs,
      List<String> sets,
      FleetOptions options,
      FleetBlocks blocks,
      Job job) {
    return runAll(cli, specs, sets, options, blocks, ReferenceMode.RESOLVE, true, job);
  }

  /**
   * As {@link #runAll(Cli, List, List, FleetOptions, FleetBlocks, Job)}, for jobs that read their
   * specs as {@code mode} says; {@code live} says whether they reach their targets (a plan against
   * empty or an older spec does not: then no server is reached ahead of them).
   */
  static int runAll(
      Cli cli,
      List<java.nio.file.Path> specs,
      List<String> sets,
      FleetOptions options,
      FleetBlocks blocks,
      ReferenceMode mode,
      boolean live,
      Job job) {
    try (var drivers = cli.engine().drivers().sharing(options.parallel())) {
      Cli several = cli.withEngine(cli.engine().forSeveral(drivers));
      List<Spec> resolved = new ArrayList<>();
      List<FleetMember> members = FleetMember.read(several, specs, sets, mode, resolved::add);
      // an engine's listing lists who mounts any of these at once
      resolved.forEach(
          s ->
              drivers.expectVolumes(
                  DesiredStateCompiler.volumes(s).stream().map(VolumeResource::name).toList()));
      if (live) {
        // reach the servers side by side, ahead of their deployments (which start in the order
        // given); each server once, however many specs name it
        resolved.forEach(s -> drivers.prepare(s.target()));
      }
      List<FleetOutcome> outcomes =
          new Fleet(several, options, blocks, () -> false).run(members, job);
      int exit = ExitFold.worst(outcomes.stream().map(FleetOutcome::exitCode).toList());
      blocks.finish(outcomes, exit);
      return exit;
    }
  }

  /** Runs {@code job} for every member; returns the outcomes in the order given. */
  List<FleetOutcome> run(List<FleetMember> members, Job job) {
    return run(members, LockTurns.none(members), job);
  }

  /**
   * Runs {@code job} for every member, starting them in the order of {@code turns}; returns the
   * outcomes in the order given. A member's turn is passed on when its job ends, also when it was
   * skipped or failed before it took its lock, so the next one never waits for it in vain.
   */
  List<FleetOutcome> run(List<FleetMember> members, LockTurns turns, Job job) {
    AtomicBoolean failed = new AtomicBoolean();
    FleetOutcome[] done = new FleetOutcome[members.size()];
    AtomicInteger printed = new AtomicInteger();
    ExecutorService pool = pool(Math.min(parallel, Math.max(1, members.size())), "fleet");
    // each member's place in this list, by its index (not indexOf: a record's equals costs a
    // bootstrap on its first call; and the list may be a part of the specs given)
    Map<Integer, Integer> places = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      places.put(members.get(i).index(), i);
    }
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (FleetMember next : turns.order()) {
        int at = places.get(next.index());
        futures.add(
            pool.submit(
                () -> {
                  FleetMember member = members.get(at);
                  FleetOutcome outcome;
                  try {
                    outcome =
                        (failFast && failed.get()) || stopped.getAsBoolean()
                            ? FleetOutcome.skipped(member)
                            : runOne(job, member);
                  } finally {
                    turns.of(member).done();
                  }
                  if (outcome.failed()) {
                    failed.set(true);
                  }
                  synchronized (done) {
                    done[at] = outcome;
                    while (printed.get() < done.length && done[printed.get()] != null) {
                      blocks.print(done[printed.getAndIncrement()]);
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        await(f);
      }
    } finally {
      pool.shutdown();
    }
    return List.of(done);
  }

  /** {@code threads} daemon threads named {@code provision-NAME-N}: none holds the process up. */
  static ExecutorService pool(int threads, String name) {
    AtomicInteger names = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "provision-" + name + "-" + names.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private FleetOutcome runOne(Job job, FleetMember member) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Cli own =
        new Cli(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            cli.env(),
            cli.color(),
            cli.engine(),
            false);
    long start = System.nanoTime();
    Done done;
    try {
      done = job.run(own, member);
    } catch (RuntimeException e) {
      done = Done.of(ErrorReporter.report(e, own));
    }
    own.out().flush();
    own.err().flush();
    return new FleetOutcome(
        member,
        FleetOutcome.Result.of(done.exitCode()),
        done.exitCode(),
        done.changes(),
        Duration.ofNanos(System.nanoTime() - start),
        out.toString(),
        err.toString());
  }

  private static void await(Future<?> future) {
    boolean interrupted = false;
    while (true) {
      try {
        future.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // a job's own stop request ends it; wait for its rollback
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
