package dev.provision.exec;

import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.exec.ready.ReadinessWaiter;
import dev.provision.model.ApplyId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every step may use: the deployment name, the host, the readiness waiter, a sink for progress
 * lines (such as an image pull's), the id of the apply (written on everything a step creates) and a
 * checkpoint callback (a step names the points inside it where a test may pause it; see {@link
 * TestHooks}). Steps that need more (a database admin, the Convex admin API) take it in their
 * constructor instead.
 */
public record StepContext(
    String deployment,
    HostDriver host,
    ReadinessWaiter readiness,
    Consumer<String> progress,
    Optional<ApplyId> applyId,
    Consumer<String> checkpoint) {

  /** A context with no apply id and no checkpoints (tests, one-off steps). */
  public StepContext(
      String deployment, HostDriver host, ReadinessWaiter readiness, Consumer<String> progress) {
    this(deployment, host, readiness, progress, Optional.empty(), point -> {});
  }

  /** The same context with progress going to {@code sink}. */
  public StepContext withProgress(Consumer<String> sink) {
    return new StepContext(deployment, host, readiness, sink, applyId, checkpoint);
  }

  /** The same context with another readiness waiter (a capped one while stopping). */
  public StepContext withReadiness(ReadinessWaiter waiter) {
    return new StepContext(deployment, host, waiter, progress, applyId, checkpoint);
  }

  /** The same context for the apply {@code id}. */
  public StepContext withApplyId(ApplyId id) {
    return new StepContext(deployment, host, readiness, progress, Optional.of(id), checkpoint);
  }

  /** The same context reporting checkpoints to {@code sink}. */
  public StepContext withCheckpoint(Consumer<String> sink) {
    return new StepContext(deployment, host, readiness, progress, applyId, sink);
  }

  /** The labels a step adds to what it creates: the apply id, when known. */
  public Map<String, String> createdLabels() {
    return applyId.map(id -> Map.of(Labels.APPLY_ID, id.value())).orElse(Map.of());
  }
}
