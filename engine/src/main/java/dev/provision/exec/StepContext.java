package dev.provision.exec;

import dev.provision.driver.HostDriver;
import dev.provision.exec.ready.ReadinessWaiter;
import java.util.function.Consumer;

/**
 * What every step may use: the deployment name, the host, the readiness waiter and a sink for
 * progress lines (such as an image pull's). Steps that need more (a database admin, the Convex
 * admin API) take it in their constructor instead.
 */
public record StepContext(
    String deployment, HostDriver host, ReadinessWaiter readiness, Consumer<String> progress) {

  /** The same context with progress going to {@code sink}. */
  public StepContext withProgress(Consumer<String> sink) {
    return new StepContext(deployment, host, readiness, sink);
  }

  /** The same context with another readiness waiter (a capped one while stopping). */
  public StepContext withReadiness(ReadinessWaiter waiter) {
    return new StepContext(deployment, host, waiter, progress);
  }
}
