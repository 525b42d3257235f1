package dev.provision.cli;

import dev.provision.exec.StopRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while an apply or destroy runs: instead of the JVM exiting at once
 * and leaving a half-done change, the first signal asks the engine to stop (no new step starts,
 * running steps finish, completed steps are undone); a second one stops the rollback after the undo
 * that is running. The exit code is then 130 (SIGINT) or 143 (SIGTERM). Installed only for the run
 * itself; the previous handlers come back on close. During a functions push (which has no undo) the
 * first signal ends the Convex CLI's process tree instead, with the same exit codes; during a
 * backup it stops the copy and starts the backend again.
 */
final class Interrupts implements AutoCloseable {
  /** What the first signal does during an apply or destroy. */
  static final String APPLY_FIRST =
      "stopping. No new step starts; running steps finish, then completed steps are undone."
          + " Interrupt again to stop after the current undo.";

  static final String APPLY_AGAIN =
      "again: the rollback stops after the current undo; what is left is listed below.";

  /** What the first signal does during a functions push (it has no undo). */
  static final String PUSH_FIRST =
      "stopping the functions push: the Convex CLI and its child processes are ended.";

  static final String PUSH_AGAIN = "again: the push is already being stopped.";

  /** What the first signal does during a backup (its stop window has no undo but a restart). */
  static final String BACKUP_FIRST =
      "stopping the backup: the copy stops (a helper service is removed), the backend is started"
          + " again, no archive is written.";

  static final String BACKUP_AGAIN =
      "again: the backup is already stopping (the backend is being started again).";

  /**
   * What the first signal does while an apply or destroy takes its lock and plans: the plan being
   * made is finished, nothing is applied, the lock is released. A second signal ends the process at
   * once, as without a handler (the lock then stays until the next command takes it over).
   */
  static final String PLAN_FIRST =
      "stopping: nothing will be applied; the lock is released once the plan being made is done."
          + " Interrupt again to quit at once.";

  private final Cli cli;
  private final StopRequest stop = new StopRequest();
  private final List<StopRequest> others = new CopyOnWriteArrayList<>();
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
  private final String firstNote;
  private final String againNote;
  private final Thread interrupted;
  private boolean defaultAfterFirst;
  private volatile String first;

  private Interrupts(Cli cli, String firstNote, String againNote, Thread interrupted) {
    this.cli = cli;
    this.firstNote = firstNote;
    this.againNote = againNote;
    this.interrupted = interrupted;
  }

  /** For an apply or destroy: the first signal stops and rolls back. */
  static Interrupts install(Cli cli) {
    return install(cli, APPLY_FIRST, APPLY_AGAIN);
  }

  /**
   * While an apply or destroy takes its lock and plans: the first signal asks the command to stop
   * before anything is applied; the one after it gets the handler there was before (the JVM's: the
   * process ends).
   */
  static Interrupts installForPlanning(Cli cli) {
    Interrupts interrupts = install(cli, PLAN_FIRST, "", null);
    interrupts.defaultAfterFirst = true;
    return interrupts;
  }

  /** For a functions push: the first signal ends the CLI's process tree. */
  static Interrupts installForPush(Cli cli) {
    return install(cli, PUSH_FIRST, PUSH_AGAIN);
  }

  /**
   * For a backup, which runs on the calling thread: the first signal interrupts that thread (the
   * engine then starts the backend again and stops, see {@code Engine#backup}).
   */
  static Interrupts installForBackup(Cli cli) {
    return install(cli, BACKUP_FIRST, BACKUP_AGAIN, Thread.currentThread());
  }

  private static Interrupts install(Cli cli, String firstNote, String againNote) {
    return install(cli, firstNote, againNote, null);
  }

  private static Interrupts install(
      Cli cli, String firstNote, String againNote, Thread interrupted) {
    Interrupts interrupts = new Interrupts(cli, firstNote, againNote, interrupted);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal signal = new Signal(name);
      interrupts.previous.put(signal, Signal.handle(signal, interrupts::handle));
    }
    return interrupts;
  }

  StopRequest stop() {
    return stop;
  }

  /**
   * One more stop request that every signal reaches too: each apply of a several-spec run has its
   * own (a request stops one apply's thread). Made after a signal, it is stopped already.
   */
  synchronized StopRequest another() {
    StopRequest request = new StopRequest();
    others.add(request);
    if (stop.requested()) {
      request.stop();
    }
    if (stop.rollbackAbandoned()) {
      request.stop();
    }
    return request;
  }

  /** The first signal's name (SIGINT, SIGTERM), or null when none came. */
  String signal() {
    return first == null ? null : "SIG" + first;
  }

  /** 130 after SIGINT, 143 after SIGTERM (128 + the signal's number), empty without a signal. */
  OptionalInt exitCode() {
    if (first == null) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(first.equals("TERM") ? ExitCodes.SIGTERM : ExitCodes.SIGINT);
  }

  private void handle(Signal signal) {
    if (first == null) {
      first = signal.getName();
    }
    int n;
    synchronized (this) {
      n = stop.stop();
      others.forEach(StopRequest::stop);
    }
    if (n == 1 && interrupted != null) {
      interrupted.interrupt();
    }
    if (n == 1 && defaultAfterFirst) {
      previous.forEach(Signal::handle);
    }
    if (n == 1) {
      cli.err().println("\nSIG" + signal.getName() + ": " + firstNote);
    } else if (n == 2) {
      cli.err().println("\nSIG" + signal.getName() + " " + againNote);
    }
    cli.err().flush();
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
