package dev.provision.engine;

import dev.provision.convex.AdminKeys;
import dev.provision.driver.docker.DockerConnection;
import dev.provision.spec.SpecReader;

/**
 * Start-up work that every run which reads a spec and a target does first, done ahead on another
 * core while the command line is still being parsed: the YAML parser and the compiled JSON Schema,
 * the Docker HTTP client's classes and set-up, the admin-key cipher. Each piece runs on data held
 * in memory (no file, no connection, no secret), and the real work later finds it loaded and
 * initialised instead of doing it on the critical path. Only an optimisation: a failure here is
 * ignored, and the real work reports its own.
 */
public final class Preparation {
  private static final byte[] NOT_A_SECRET = new byte[32];

  private Preparation() {}

  /** Runs every piece on the calling thread; never throws. */
  public static void run() {
    run(true);
  }

  /**
   * Runs the spec piece, and the target's pieces (Docker client, admin-key cipher) when {@code
   * target}: a command that reaches no target would only spend the other core on them.
   */
  static void run(boolean target) {
    if (target) {
      attempt(DockerConnection::prepare); // a few ms, needed right after the spec
    }
    attempt(SpecReader::prepare);
    if (target) {
      attempt(() -> AdminKeys.issue("prepare", NOT_A_SECRET, true));
    }
  }

  /**
   * Starts {@link #run} on a daemon thread when the machine has a core to spare (with one core it
   * would only compete with the command itself); the process never waits for it.
   */
  public static void startInBackground() {
    startInBackground(true);
  }

  /** As {@link #startInBackground()}, preparing the target's pieces only when {@code target}. */
  public static void startInBackground(boolean target) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return;
    }
    Thread thread = new Thread(() -> run(target), "provision-prepare");
    thread.setDaemon(true);
    thread.setPriority(Thread.NORM_PRIORITY - 1);
    thread.start();
  }

  private static void attempt(Runnable piece) {
    try {
      piece.run();
    } catch (RuntimeException | LinkageError e) {
      // preparing is an optimisation only: the real call reports any failure itself
    }
  }
}
