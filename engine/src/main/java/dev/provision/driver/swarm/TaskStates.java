package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a service's tasks as one container's state: it runs when a task's container runs (Swarm's
 * {@code starting} or {@code running}: a task with a health check stays {@code starting} until its
 * check passes); otherwise its exit code and error are the newest finished task's, so a task that
 * keeps failing is reported with its last error. Pure.
 */
final class TaskStates {
  static final Set<String> RUNNING = Set.of("starting", "running");
  static final Set<String> FINISHED =
      Set.of("complete", "failed", "shutdown", "rejected", "orphaned", "remove");

  private TaskStates() {}

  static String state(JsonNode task) {
    return task.path("Status").path("State").asText("");
  }

  static boolean runs(JsonNode task) {
    return RUNNING.contains(state(task));
  }

  /**
   * True until the task has finished: a task still on its way ({@code assigned}, {@code preparing},
   * {@code ready}) can still create its container, bind its host ports and mount its volumes, even
   * once it is told to shut down. A task placed on no node and told to stop never starts.
   */
  static boolean active(JsonNode task) {
    boolean placed = !node(task).isEmpty();
    boolean wanted = "running".equals(task.path("DesiredState").asText("running"));
    return !FINISHED.contains(state(task)) && (placed || wanted);
  }

  /**
   * True when the task failed, or was rejected, only because its node had not yet (re)joined the
   * overlay network: right after a node comes back, its first tasks can be rejected ("node is
   * missing network attachments") or fail to attach ("network ... not found", "attaching to network
   * failed"), and Swarm places the next task a moment later. A task that fails for any other reason
   * (a command that does not exist, an image the node lacks, a port in use) is not. Pure.
   */
  static boolean failedWhileRejoining(JsonNode task) {
    if (!Set.of("failed", "rejected").contains(state(task))) {
      return false;
    }
    String error = task.path("Status").path("Err").asText("").toLowerCase(java.util.Locale.ROOT);
    return error.contains("missing network attachments")
        || error.contains("attaching to network failed")
        || (error.contains("network") && error.contains("not found"));
  }

  /**
   * The tasks without those placed on {@code notReady} nodes: a node the manager cannot hear from
   * keeps reporting its last state ({@code running}), though nothing there can be reached; a task
   * not yet placed (no node) stays.
   */
  static List<JsonNode> onReadyNodes(List<JsonNode> tasks, Set<String> notReady) {
    return tasks.stream().filter(t -> !notReady.contains(node(t))).toList();
  }

  /** The tasks, newest first (by creation time). */
  static List<JsonNode> newestFirst(List<JsonNode> tasks) {
    return tasks.stream().sorted(Comparator.comparing(TaskStates::created).reversed()).toList();
  }

  private static Instant created(JsonNode task) {
    try {
      return Instant.parse(task.path("CreatedAt").asText());
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  /** The newest task whose container runs. */
  static Optional<JsonNode> running(List<JsonNode> tasks) {
    return newestFirst(tasks).stream().filter(TaskStates::runs).findFirst();
  }

  /** The newest task that has (or had) a container: the one to read files or logs from. */
  static Optional<JsonNode> withContainer(List<JsonNode> tasks) {
    Optional<JsonNode> running = running(tasks);
    if (running.isPresent()) {
      return running;
    }
    return newestFirst(tasks).stream().filter(t -> !containerId(t).isEmpty()).findFirst();
  }

  static String containerId(JsonNode task) {
    return task.path("Status").path("ContainerStatus").path("ContainerID").asText("");
  }

  static String node(JsonNode task) {
    return task.path("NodeID").asText("");
  }

  /** The exit code of the newest finished task that has one, when none runs. */
  static Integer exitCode(List<JsonNode> tasks) {
    if (running(tasks).isPresent()) {
      return null;
    }
    return newestFirst(tasks).stream()
        .filter(t -> FINISHED.contains(state(t)))
        .map(t -> t.path("Status").path("ContainerStatus").path("ExitCode"))
        .filter(JsonNode::isNumber)
        .map(JsonNode::asInt)
        .findFirst()
        .orElse(null);
  }

  /**
   * The error of the newest task that reports one (a failed start, a non-zero exit, a task no node
   * can take), when none runs: what Swarm says about why the service does not run.
   */
  static Optional<String> lastError(List<JsonNode> tasks) {
    if (running(tasks).isPresent()) {
      return Optional.empty();
    }
    return newestFirst(tasks).stream()
        .map(t -> t.path("Status").path("Err").asText(""))
        .filter(e -> !e.isEmpty())
        .findFirst();
  }

  /**
   * The health as Docker names it, for a service with a health check: {@code healthy} once its task
   * runs, {@code starting} while it waits for the check; null when none runs.
   */
  static String health(List<JsonNode> tasks) {
    return running(tasks)
        .map(t -> "running".equals(state(t)) ? "healthy" : "starting")
        .orElse(null);
  }
}
