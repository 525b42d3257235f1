package dev.provision.cli;

import dev.provision.exec.StopRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while an apply or destroy runs: instead of the JVM exiting at once
 * and leaving a half-done change, the first signal asks the engine to stop (no new step starts,
 * running steps finish, completed steps are undone); a second one stops the rollback after the undo
 * that is running. The exit code is then 130 (SIGINT) or 143 (SIGTERM). Installed only for the run
 * itself; the previous handlers come back on close.
 */
final class Interrupts implements AutoCloseable {
  private final Cli cli;
  private final StopRequest stop = new StopRequest();
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
  private volatile String first;

  private Interrupts(Cli cli) {
    this.cli = cli;
  }

  static Interrupts install(Cli cli) {
    Interrupts interrupts = new Interrupts(cli);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal signal = new Signal(name);
      interrupts.previous.put(signal, Signal.handle(signal, interrupts::handle));
    }
    return interrupts;
  }

  StopRequest stop() {
    return stop;
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
    int n = stop.stop();
    if (n == 1) {
      cli.err()
          .println(
              "\nSIG"
                  + signal.getName()
                  + ": stopping. No new step starts; running steps finish, then completed steps are"
                  + " undone. Interrupt again to stop after the current undo.");
    } else if (n == 2) {
      cli.err()
          .println(
              "\nSIG"
                  + signal.getName()
                  + " again: the rollback stops after the current undo; what is left is listed"
                  + " below.");
    }
    cli.err().flush();
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
