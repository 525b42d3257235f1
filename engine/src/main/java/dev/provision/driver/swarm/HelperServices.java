package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs helper services ({@link HelperSpecs}) through the Swarm API alone: creates the service (and
 * the configs that carry its input), waits until its one task has finished, reads its exit code
 * from the task status and its output from the service's log, and removes the service and the
 * configs (also when the wait fails or is interrupted). Whatever a killed run leaves is labelled
 * {@link SwarmLabels#HELPER} and removed by the next run's {@link #sweep} once it is older than any
 * helper may run.
 */
final class HelperServices {
  /** The longest a helper may run; twice that, a leftover is swept. */
  static final Duration LIMIT = Duration.ofMinutes(10);

  /** How long a helper may wait for a node to take it (a node that is full, or has gone). */
  static final Duration PLACEMENT = Duration.ofMinutes(1);

  private static final java.util.Set<String> PENDING = java.util.Set.of("new", "pending");

  /** The most a Swarm config holds (the engine's limit is 500 KiB). */
  static final int CONFIG_BYTES = 500 * 1024;

  /** The exit code of a command that is not in the image, as a shell and docker exec answer. */
  static final int NOT_FOUND = 127;

  /**
   * The test-only pause point (the CLI's {@code TestHooks}) of a helper that copies files out of a
   * task on another node, once its task is on that node: in a backup with the data on a worker, the
   * copy of the data volume in the stop window.
   */
  static final String COPY_OUT_POINT = "swarm-helper@copy-out";

  private final SwarmApi api;
  private final Clock clock;
  private final Consumer<String> checkpoint;

  /** Helpers whose leftovers are swept by {@code clock}'s age (the system clock in production). */
  HelperServices(SwarmApi api, Clock clock) {
    this(api, clock, point -> {});
  }

  /** As above, calling {@code checkpoint} at a test-only pause point (it may block). */
  HelperServices(SwarmApi api, Clock clock, Consumer<String> checkpoint) {
    this.api = api;
    this.clock = clock;
    this.checkpoint = checkpoint;
  }

  /** What a finished helper did: its exit code and output. */
  record Outcome(int exitCode, byte[] stdout, byte[] stderr) {}

  /**
   * Runs {@code helper} to the end and removes it, with {@code input} split into configs mounted
   * under {@code inputDir} as files whose names sort in order ({@code 0000}, {@code 0001}, ...).
   */
  Outcome run(HelperSpecs helper, byte[] input, String inputDir) {
    return run(helper, input, inputDir, null);
  }

  /** As above, pausing at the test-only {@code point} (null for none) once its task is placed. */
  Outcome run(HelperSpecs helper, byte[] input, String inputDir, String point) {
    sweep();
    List<String> configs = new ArrayList<>();
    try {
      List<HelperSpecs.Input> files = new ArrayList<>();
      for (int at = 0, n = 0; input != null && at < input.length; at += CONFIG_BYTES, n++) {
        byte[] part =
            java.util.Arrays.copyOfRange(input, at, Math.min(input.length, at + CONFIG_BYTES));
        String config = helper.name() + "-" + n;
        String id = createConfig(config, part);
        configs.add(id);
        files.add(new HelperSpecs.Input(id, config, inputDir + "/" + String.format("%04d", n)));
      }
      HelperSpecs withInput =
          new HelperSpecs(
              helper.name(),
              helper.image(),
              helper.command(),
              helper.env(),
              helper.mounts(),
              helper.network(),
              helper.constraints(),
              files);
      for (int attempt = 1; ; attempt++) {
        String id = create(attempt == 1 ? withInput : withInput.renamed("-" + attempt));
        try {
          return awaitEnd(helper.name(), id, attempt == 1 ? point : null);
        } catch (NotStarted e) {
          if (attempt == START_ATTEMPTS) {
            throw e.failure;
          }
        } finally {
          uninterrupted(() -> api.exchange("DELETE", "/services/" + id, null));
        }
        SwarmServices.pause();
      }
    } finally {
      uninterrupted(() -> configs.forEach(c -> removeConfig(c)));
    }
  }

  /**
   * Runs {@code cleanup} with the thread's interrupt flag clear (a call made with it set may fail
   * at once, and the helper would be left), then sets it again for the caller.
   */
  private static void uninterrupted(Runnable cleanup) {
    boolean interrupted = Thread.interrupted();
    try {
      cleanup.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Creates the service; the helper's env values are masked in any error. */
  String create(HelperSpecs helper) {
    JsonNode created =
        api.send(
            "creating helper service " + helper.name(),
            "POST",
            "/services/create",
            helper.spec(),
            List.copyOf(helper.env().values()));
    return created.path("ID").asText();
  }

  /**
   * A task whose container did not start (a node that has just rejoined the overlay network can
   * fail its first tasks so): {@link #run} tries a fresh helper, up to {@link #START_ATTEMPTS}.
   */
  static final class NotStarted extends RuntimeException {
    final ProvisionException failure;

    NotStarted(ProvisionException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  static final int START_ATTEMPTS = 3;

  /** How Swarm's task error begins when the container could not be started. */
  static final String START_FAILED = "starting container failed";

  /**
   * Waits until the service's task has finished, then reads its exit code and log; {@link
   * NotStarted} when its container did not start.
   */
  Outcome awaitEnd(String name, String id) {
    return awaitEnd(name, id, null);
  }

  private Outcome awaitEnd(String name, String id, String point) {
    long start = System.nanoTime();
    long deadline = start + LIMIT.toNanos();
    boolean placed = false;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw ProvisionException.of(
            "interrupted while helper service " + name + " ran on the swarm",
            "run the command again");
      }
      List<JsonNode> tasks = api.list("/tasks?" + SwarmApi.filter("service", id));
      if (!placed && point != null) {
        placed = tasks.stream().anyMatch(t -> !t.path("NodeID").asText("").isEmpty());
        if (placed) {
          checkpoint.accept(point);
        }
      }
      Optional<JsonNode> done =
          tasks.stream().filter(t -> TaskStates.FINISHED.contains(TaskStates.state(t))).findFirst();
      if (done.isPresent()) {
        JsonNode code = done.get().path("Status").path("ContainerStatus").path("ExitCode");
        String err = done.get().path("Status").path("Err").asText("");
        if (err.contains("executable file not")) {
          return new Outcome(NOT_FOUND, new byte[0], new byte[0]); // as docker exec answers
        }
        if (!code.isNumber() || TaskStates.containerId(done.get()).isEmpty()) {
          throw failed(name, done.get());
        }
        if (err.startsWith(START_FAILED)) {
          throw new NotStarted(failed(name, done.get()));
        }
        LogFrames log = LogFrames.demux(log(id));
        return new Outcome(code.asInt(), log.stdout(), log.stderr());
      }
      boolean unplaced =
          tasks.stream().allMatch(t -> PENDING.contains(TaskStates.state(t)))
              && System.nanoTime() - start > PLACEMENT.toNanos();
      if (unplaced || System.nanoTime() - deadline > 0) {
        throw failed(name, tasks.isEmpty() ? SwarmApi.JSON.createObjectNode() : tasks.get(0));
      }
      SwarmServices.pause();
    }
  }

  private ProvisionException failed(String name, JsonNode task) {
    String state = TaskStates.state(task);
    String why = task.path("Status").path("Err").asText("");
    return ProvisionException.of(
        "helper service "
            + name
            + " did not run to the end on the swarm (task "
            + (state.isEmpty() ? "not scheduled" : state)
            + (why.isEmpty() ? "" : ": " + why)
            + ")",
        "check that the data node is ready and has the image (docker node ls, docker service ps "
            + name
            + "), then run the command again");
  }

  /** The service's whole log, as the engine multiplexes it. */
  byte[] log(String id) {
    DockerHttpClient.Response response =
        api.connection().openStream("/services/" + id + "/logs?stdout=1&stderr=1&follow=0");
    try (InputStream body = response.getBody()) {
      if (response.getStatusCode() / 100 != 2) {
        throw ProvisionException.of(
            "reading the log of helper service "
                + id
                + " failed ("
                + response.getStatusCode()
                + ")",
            "run the command again");
      }
      return body.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      response.close();
    }
  }

  private String createConfig(String name, byte[] data) {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        SwarmApi.JSON
            .createObjectNode()
            .put("Name", name)
            .put("Data", Base64.getEncoder().encodeToString(data));
    body.set("Labels", SwarmApi.labelsNode(Map.of(SwarmLabels.HELPER, name)));
    return api.send(
            "creating the input of helper " + name, "POST", "/configs/create", body, List.of())
        .path("ID")
        .asText();
  }

  private void removeConfig(String id) {
    api.exchange("DELETE", "/configs/" + id, null);
  }

  /**
   * Removes helper services (and their input configs) created more than twice {@link #LIMIT} ago:
   * what a killed run left. A younger one may belong to a run still going, so it stays.
   */
  void sweep() {
    Instant stale = clock.instant().minus(LIMIT.multipliedBy(2));
    String filter = SwarmApi.filter("label", SwarmLabels.HELPER);
    for (JsonNode s : api.list("/services?" + filter)) {
      if (created(s).isBefore(stale)) {
        api.exchange("DELETE", "/services/" + s.path("ID").asText(), null);
      }
    }
    for (JsonNode c : api.list("/configs?" + filter)) {
      if (created(c).isBefore(stale)) {
        removeConfig(c.path("ID").asText());
      }
    }
  }

  private Instant created(JsonNode object) {
    try {
      return Instant.parse(object.path("CreatedAt").asText());
    } catch (RuntimeException e) {
      return clock.instant();
    }
  }
}
