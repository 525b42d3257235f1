package dev.provision.driver;

import dev.provision.model.Target;

/**
 * Opens the host driver for a spec's target. The CLI's Main passes the real one; tests a double.
 */
@FunctionalInterface
public interface DriverFactory {
  HostDriver open(Target target);

  /**
   * A factory for one read-only run of several deployments (plan, status, doctor), which may share
   * what it opens between them (one connection per Docker engine) and what it reads (a listing of
   * each engine, taken at most every 2 seconds); closing it, after the run, closes what it shared.
   * Never for a run that changes its targets. This default shares nothing.
   *
   * @param parallel how many deployments run at once (and servers are reached at once)
   */
  default Sharing sharing(int parallel) {
    DriverFactory opens = this;
    return new Sharing() {
      @Override
      public HostDriver open(Target target) {
        return opens.open(target);
      }

      @Override
      public void close() {
        // nothing shared
      }
    };
  }

  /** A factory whose drivers may share connections until it is closed. */
  interface Sharing extends DriverFactory, AutoCloseable {
    /**
     * Starts opening, in the background, what deployments on {@code target} will share, so that
     * servers are reached side by side rather than one after another in the order of the specs. A
     * failure is kept for the deployment that asks. This default does nothing.
     */
    default void prepare(Target target) {}

    /**
     * Names volumes that the run's specs name, before any deployment runs: a shared listing of an
     * engine lists who mounts them all at once. This default does nothing.
     */
    default void expectVolumes(java.util.Collection<String> names) {}

    @Override
    void close();
  }
}
