package dev.provision.exec.steps;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.ContainerResource;
import dev.provision.model.Readiness;
import dev.provision.model.ReplaceOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a container with one of a new configuration, keeping the old one (stopped, as {@code
 * NAME-prev}) until the apply commits, so a rollback can bring it back.
 *
 * <p>Two orders, chosen by {@link ReplaceOrder#of}:
 *
 * <ul>
 *   <li>Stop first (a container that owns data, or one whose new configuration needs a host port
 *       the old one holds): {@code NAME-next} is created, the old one stopped and put aside as
 *       {@code NAME-prev}, then the new one started and waited for. Two containers never run on the
 *       same volume, not even for a moment. If the new one fails, it is removed and the old one
 *       gets its name back, is started again and waited for until it serves.
 *   <li>Side by side (stateless containers only): {@code NAME-next} is started and waited for while
 *       the old one keeps serving; then the old one is stopped and put aside. If the new one fails,
 *       it is removed: the old one never stopped.
 * </ul>
 *
 * <p>Crash safety: {@code NAME-next} is created with restart policy {@code no} and gets the real
 * policy only once it holds the name; the old one gets {@code no} as soon as it is stopped. So
 * after a {@code kill -9} of provision, a Docker daemon restart brings back at most one of them.
 *
 * <p>Undo after success stops and removes the new container, renames {@code NAME-prev} back, gives
 * it its restart policy again and starts it (if it was running before). The commit hook removes
 * {@code NAME-prev}. When {@code NAME} already runs the new configuration (its real configuration,
 * not its config hash label), apply only waits until it is ready.
 */
public final class ReplaceContainerStep extends BaseStep {
  private static final String NO_RESTART = "no";

  private final ContainerResource before;
  private final ContainerResource after;
  private final String configHash;
  private final java.util.Map<String, String> labels;
  private final ReplaceOrder order;
  private final java.util.Optional<DataGuard> guard;

  /** {@code before} is the container as observed; both must have the same name. */
  public ReplaceContainerStep(
      String id,
      List<String> dependsOn,
      ContainerResource before,
      ContainerResource after,
      String configHash) {
    this(id, dependsOn, before, after, configHash, java.util.Map.of());
  }

  /** As above; {@code labels} are added to the new container's labels (such as adopted volumes). */
  public ReplaceContainerStep(
      String id,
      List<String> dependsOn,
      ContainerResource before,
      ContainerResource after,
      String configHash,
      java.util.Map<String, String> labels) {
    this(id, dependsOn, before, after, configHash, labels, java.util.Optional.empty());
  }

  /**
   * As above, with a {@link DataGuard}: when the old container is stopped first, the data is backed
   * up before the new one starts, and restored before the old one starts again.
   */
  public ReplaceContainerStep(
      String id,
      List<String> dependsOn,
      ContainerResource before,
      ContainerResource after,
      String configHash,
      java.util.Map<String, String> labels,
      java.util.Optional<DataGuard> guard) {
    super(id, dependsOn);
    this.guard = guard;
    this.labels = java.util.Map.copyOf(labels);
    if (!before.name().equals(after.name())) {
      throw new IllegalArgumentException(
          "a replacement keeps the name: " + before.name() + " vs " + after.name());
    }
    this.before = before;
    this.after = after;
    this.configHash = configHash;
    this.order = ReplaceOrder.of(before, after);
  }

  /** The order this replace follows. */
  public ReplaceOrder order() {
    return order;
  }

  @Override
  public String description() {
    return "replace container "
        + after.name()
        + " ("
        + after.image()
        + ")"
        + (order == ReplaceOrder.STOP_FIRST
            ? ", stopping the old one first (kept as " + prev() + ")"
            : "")
        + guard
            .filter(g -> order == ReplaceOrder.STOP_FIRST)
            .map(g -> ", backing the data up to " + g.folder() + " while it is stopped")
            .orElse("");
  }

  @Override
  public Applied apply(StepContext context) {
    String name = after.name();
    HostDriver host = context.host();
    Optional<ContainerState> current = HostChecks.container(context, name);
    if (current.isPresent() && current.get().running() && HostChecks.runsConfig(context, after)) {
      context.progress().accept("container " + name + " already runs the new configuration");
      host.setRestartPolicy(name, policyOf(after)); // a crash may have come before this
      // Running is not ready: the engine may have just started it again itself (a Swarm task
      // rescheduled after its node rejoined, a restart policy), so it is waited for as a new one.
      context.readiness().await(host, name, after);
      return Applied.of(Undo.notNeeded("container " + name + " already ran the new configuration"));
    }
    if (current.isEmpty()) {
      throw ProvisionException.of(
          "container " + name + " to replace does not exist",
          "The target changed since the plan was made: run plan again.");
    }
    if (HostChecks.container(context, prev()).isPresent()) {
      throw Leftovers.previousExists(prev(), name);
    }
    boolean oldWasRunning = current.get().running();
    if (HostChecks.container(context, next()).isPresent()) {
      host.removeContainer(next()); // left by an interrupted apply; it never held the name
    }
    host.createContainer(
        context.deployment(),
        after.withRestartPolicy(NO_RESTART),
        next(),
        configHash,
        nextLabels(context, oldWasRunning));
    Path[] backup = new Path[1];
    try {
      if (order == ReplaceOrder.STOP_FIRST) {
        if (guard.isPresent() && guard.get().beforeStop()) {
          backup[0] = guard.get().backup(context, name);
          context.progress().accept("backed up the data to " + backup[0]);
        }
        putOldAside(context);
        if (guard.isPresent() && !guard.get().beforeStop()) {
          backup[0] = guard.get().backup(context, prev());
          context.progress().accept("backed up the data to " + backup[0]);
        }
        startAndWait(context);
      } else {
        startAndWait(context);
        putOldAside(context);
      }
      host.renameContainer(next(), name);
      host.setRestartPolicy(name, policyOf(after));
      guard.ifPresent(g -> g.resume(context));
    } catch (RuntimeException e) {
      throw withNote(e, rescue(context, e, oldWasRunning, Optional.ofNullable(backup[0])));
    }
    return Applied.of(
        putBack(oldWasRunning, Optional.ofNullable(backup[0])), new RemovePreviousContainer(name));
  }

  /**
   * The labels of {@code NAME-next}: the given ones, the apply id, and what recovery after a {@code
   * kill -9} needs to put the old container back (whether it ran, its restart policy).
   */
  private java.util.Map<String, String> nextLabels(StepContext context, boolean oldWasRunning) {
    java.util.Map<String, String> all = new java.util.TreeMap<>(labels);
    all.putAll(context.createdLabels());
    all.put(Labels.REPLACES_RUNNING, Boolean.toString(oldWasRunning));
    all.put(Labels.REPLACES_RESTART_POLICY, policyOf(before));
    return all;
  }

  /** Stops the old container, takes its restart policy away and renames it {@code NAME-prev}. */
  private void putOldAside(StepContext context) {
    HostDriver host = context.host();
    host.stopContainer(after.name(), before.stopTimeoutSeconds());
    host.setRestartPolicy(after.name(), NO_RESTART);
    context.checkpoint().accept("after-stop");
    host.renameContainer(after.name(), prev());
    context.checkpoint().accept("after-rename");
  }

  private static String policyOf(ContainerResource c) {
    return c.restartPolicy() == null ? NO_RESTART : c.restartPolicy();
  }

  private void startAndWait(StepContext context) {
    context.host().startContainer(next());
    context.checkpoint().accept("after-start");
    context.readiness().await(context.host(), next(), after);
  }

  /**
   * Brings the old container back after a failed replacement: removes {@code NAME-next}, renames
   * {@code NAME-prev} back if needed and starts the old one if it is stopped. Returns what
   * happened, for the error.
   */
  private String rescue(
      StepContext context, RuntimeException failure, boolean oldWasRunning, Optional<Path> backup) {
    HostDriver host = context.host();
    String name = after.name();
    HostChecks.removeQuietly(host, next(), after.stopTimeoutSeconds(), failure);
    try {
      if (host.inspectContainer(prev()).isPresent()) {
        // The old one was put aside; whatever holds the name now is the new one.
        HostChecks.removeQuietly(host, name, after.stopTimeoutSeconds(), failure);
        host.renameContainer(prev(), name);
      }
      if (host.inspectContainer(name).isPresent()) {
        host.setRestartPolicy(name, policyOf(before));
      }
      String restored = "";
      if (backup.isPresent()) {
        guard.get().restore(context, backup.get());
        restored = "the data was restored from " + backup.get() + "; ";
      }
      boolean running = host.inspectContainer(name).map(ContainerState::running).orElse(false);
      if (running) {
        guard.ifPresent(g -> g.resume(context));
        return restored + "the old container " + name + " kept serving; " + next() + " was removed";
      }
      if (!oldWasRunning) {
        guard.ifPresent(g -> g.resume(context));
        return restored
            + "the old container "
            + name
            + " was not running before and stays stopped; "
            + next()
            + " was removed";
      }
      host.startContainer(name);
      context.readiness().await(host, name, oldSpec());
      guard.ifPresent(g -> g.resume(context));
      return restored
          + "the old container "
          + name
          + " was started again and serves; "
          + next()
          + " was removed";
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return "the old container "
          + name
          + " could not be started again ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + "): start it by hand";
    }
  }

  /**
   * The old container's spec with a readiness check, to wait for it after a restart. An observed
   * container carries no readiness; the desired one's check fits it, since both play the same role
   * (the backend answers /version on the same container port), so "restored" means serving.
   */
  private ContainerResource oldSpec() {
    Readiness readiness =
        before.readiness() != null
            ? before.readiness()
            : after.readiness() != null
                ? after.readiness()
                : new Readiness(Readiness.Kind.RUNNING, 0, null, java.time.Duration.ofSeconds(60));
    return before.withReadiness(readiness);
  }

  private ProvisionException withNote(RuntimeException e, String note) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    if (e instanceof ProvisionException p) {
      diagnostics.addAll(p.diagnostics());
    } else {
      diagnostics.add(
          Diagnostic.error(
              null,
              after.address().toString(),
              "replacing container " + after.name() + " failed: " + e.getMessage()));
    }
    diagnostics.add(Diagnostic.warning(null, after.address().toString(), note));
    ProvisionException wrapped = new ProvisionException(diagnostics);
    wrapped.initCause(e);
    return wrapped;
  }

  private String next() {
    return after.name() + "-next";
  }

  private String prev() {
    return after.name() + RemovePreviousContainer.SUFFIX;
  }

  /** The undo of a replace that took effect: the old container back, started if it ran. */
  private Undo putBack(boolean restart, Optional<Path> backup) {
    String name = after.name();
    return Undo.of(
        "remove the new "
            + name
            + ", rename "
            + prev()
            + " back"
            + backup.map(b -> ", restore the data from " + b).orElse("")
            + (restart ? " and start it" : ""),
        c -> {
          c.host().stopContainer(name, after.stopTimeoutSeconds());
          c.host().removeContainer(name);
          c.host().renameContainer(prev(), name);
          if (backup.isPresent()) {
            guard.get().restore(c, backup.get());
          }
          c.host().setRestartPolicy(name, policyOf(before));
          if (restart) {
            c.host().startContainer(name);
            c.readiness().await(c.host(), name, oldSpec());
          }
          guard.ifPresent(g -> g.resume(c));
        });
  }
}
