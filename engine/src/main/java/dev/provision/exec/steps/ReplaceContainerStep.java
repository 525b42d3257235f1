package dev.provision.exec.steps;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.ContainerResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Readiness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces a running container with one of a new configuration, keeping the old one (stopped, as
 * {@code NAME-prev}) until the apply commits, so a rollback can bring it back.
 *
 * <p>Two ways, chosen by {@link #portsCollide}:
 *
 * <ul>
 *   <li>Overlap (no shared host port): {@code NAME-next} is created, started and waited for while
 *       the old one keeps serving; then the old one is stopped and renamed {@code NAME-prev}, and
 *       {@code NAME-next} renamed {@code NAME}. If the new one fails, it is removed: the old one
 *       never stopped.
 *   <li>Stop first (the new one needs a host port the old one holds; two containers cannot publish
 *       it at once): {@code NAME-next} is created, the old one stopped, the new one started and
 *       waited for. If it fails, it is removed and the old one started again (there is downtime,
 *       but the old one is restored).
 * </ul>
 *
 * Undo after success stops and removes the new container, renames {@code NAME-prev} back and starts
 * it (if it was running before). The commit hook removes {@code NAME-prev}. When {@code NAME}
 * already runs the new configuration (its real configuration, not its config hash label), apply
 * does nothing.
 */
public final class ReplaceContainerStep extends BaseStep {
  private final ContainerResource before;
  private final ContainerResource after;
  private final String configHash;
  private final java.util.Map<String, String> labels;
  private volatile boolean replaced;
  private volatile boolean oldWasRunning;

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
    super(id, dependsOn);
    this.labels = java.util.Map.copyOf(labels);
    if (!before.name().equals(after.name())) {
      throw new IllegalArgumentException(
          "a replacement keeps the name: " + before.name() + " vs " + after.name());
    }
    this.before = before;
    this.after = after;
    this.configHash = configHash;
  }

  /** True when {@code after} publishes a host port that {@code before} publishes too. */
  public static boolean portsCollide(ContainerResource before, ContainerResource after) {
    for (PortBinding old : before.ports()) {
      for (PortBinding now : after.ports()) {
        if (old.hostPort() == now.hostPort() && ipsOverlap(old.hostIp(), now.hostIp())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean ipsOverlap(String a, String b) {
    return a == null
        || b == null
        || a.equals(b)
        || a.equals("0.0.0.0")
        || b.equals("0.0.0.0")
        || a.isEmpty()
        || b.isEmpty();
  }

  @Override
  public String description() {
    return "replace container "
        + after.name()
        + " ("
        + after.image()
        + ")"
        + (portsCollide(before, after) ? ", stopping the old one first" : "");
  }

  @Override
  public void apply(StepContext context) {
    replaced = false;
    String name = after.name();
    HostDriver host = context.host();
    Optional<ContainerState> current = HostChecks.container(context, name);
    if (current.isPresent() && current.get().running() && HostChecks.runsConfig(context, after)) {
      context.progress().accept("container " + name + " already runs the new configuration");
      return;
    }
    if (current.isEmpty()) {
      throw ProvisionException.of(
          "container " + name + " to replace does not exist",
          "The target changed since the plan was made: run plan again.");
    }
    if (HostChecks.container(context, prev()).isPresent()) {
      throw Leftovers.previousExists(prev(), name);
    }
    oldWasRunning = current.get().running();
    if (HostChecks.container(context, next()).isPresent()) {
      host.removeContainer(next()); // left by an interrupted apply; it never served
    }
    host.createContainer(context.deployment(), after, next(), configHash, labels);
    try {
      if (portsCollide(before, after)) {
        host.stopContainer(name, before.stopTimeoutSeconds());
        startAndWait(context);
      } else {
        startAndWait(context);
        host.stopContainer(name, before.stopTimeoutSeconds());
      }
      host.renameContainer(name, prev());
      host.renameContainer(next(), name);
    } catch (RuntimeException e) {
      throw withNote(e, rescue(context, e));
    }
    replaced = true;
  }

  private void startAndWait(StepContext context) {
    context.host().startContainer(next());
    context.readiness().await(context.host(), next(), after);
  }

  /**
   * Brings the old container back after a failed replacement: removes {@code NAME-next}, renames
   * {@code NAME-prev} back if needed and starts the old one if it is stopped. Returns what
   * happened, for the error.
   */
  private String rescue(StepContext context, RuntimeException failure) {
    HostDriver host = context.host();
    String name = after.name();
    HostChecks.removeQuietly(host, next(), after.stopTimeoutSeconds(), failure);
    try {
      if (host.inspectContainer(name).isEmpty() && host.inspectContainer(prev()).isPresent()) {
        host.renameContainer(prev(), name);
      }
      boolean running = host.inspectContainer(name).map(ContainerState::running).orElse(false);
      if (running) {
        return "the old container " + name + " kept serving; " + next() + " was removed";
      }
      if (!oldWasRunning) {
        return "the old container "
            + name
            + " was not running before and stays stopped; "
            + next()
            + " was removed";
      }
      host.startContainer(name);
      context.readiness().await(host, name, oldSpec());
      return "the old container "
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
    ContainerResource b = before;
    return new ContainerResource(
        b.address(),
        b.name(),
        b.image(),
        b.env(),
        b.ports(),
        b.mounts(),
        b.network(),
        b.alias(),
        b.command(),
        b.restartPolicy(),
        b.stopSignal(),
        b.stopTimeoutSeconds(),
        readiness);
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

  @Override
  public Undo undo() {
    if (!replaced) {
      return Undo.notNeeded("container " + after.name() + " already ran the new configuration");
    }
    String name = after.name();
    boolean restart = oldWasRunning;
    return Undo.of(
        "remove the new "
            + name
            + ", rename "
            + prev()
            + " back"
            + (restart ? " and start it" : ""),
        c -> {
          c.host().stopContainer(name, after.stopTimeoutSeconds());
          c.host().removeContainer(name);
          c.host().renameContainer(prev(), name);
          if (restart) {
            c.host().startContainer(name);
            c.readiness().await(c.host(), name, oldSpec());
          }
        });
  }

  @Override
  public Optional<CommitHook> onCommit() {
    return replaced ? Optional.of(new RemovePreviousContainer(after.name())) : Optional.empty();
  }
}
