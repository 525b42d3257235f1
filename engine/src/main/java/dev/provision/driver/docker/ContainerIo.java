package dev.provision.driver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What goes in and out of a container: the tail of its log, a command run inside it, one file read
 * from it. Output is held in memory, so these are for short answers, not bulk data.
 */
final class ContainerIo {
  /** The longest an exec may run before the driver gives up on it. */
  static final long EXEC_TIMEOUT_MINUTES = 10;

  private final DockerConnection connection;
  private final String endpoint;

  ContainerIo(DockerConnection connection) {
    this.connection = connection;
    this.endpoint = connection.endpoint().host().toString();
  }

  List<String> logTail(String name, int lines) {
    DockerClient client = connection.client();
    OutputCollector output = new OutputCollector();
    boolean done =
        DockerFailures.call(
            "reading the log of container " + name,
            endpoint,
            () ->
                await(
                    client
                        .logContainerCmd(name)
                        .withStdOut(true)
                        .withStdErr(true)
                        .withTail(lines)
                        .exec(output),
                    60));
    if (!done) {
      throw ProvisionException.of(
          "reading the log of container "
              + name
              + " did not finish within 60s on Docker "
              + endpoint,
          "run docker logs " + name + " on the host");
    }
    List<String> all = Arrays.asList(output.combined().split("\r?\n"));
    if (all.size() == 1 && all.get(0).isEmpty()) {
      return List.of();
    }
    return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Runs {@code command} with {@code env} added to the exec's environment (not its argv). */
  ExecResult exec(String container, List<String> command, java.util.Map<String, String> env) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("exec needs a command");
    }
    DockerClient client = connection.client();
    String what = "running " + command.get(0) + " in container " + container;
    String id =
        DockerFailures.call(
            what,
            endpoint,
            () ->
                client
                    .execCreateCmd(container)
                    .withCmd(command.toArray(String[]::new))
                    .withEnv(
                        env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec()
                    .getId());
    OutputCollector output = new OutputCollector();
    boolean done =
        DockerFailures.call(
            what,
            endpoint,
            () -> await(client.execStartCmd(id).exec(output), EXEC_TIMEOUT_MINUTES * 60));
    if (!done) {
      throw ProvisionException.of(
          what
              + " did not finish within "
              + EXEC_TIMEOUT_MINUTES
              + " minutes on Docker "
              + endpoint,
          "check what the command waits for (docker exec it by hand)");
    }
    return new ExecResult(exitCode(id, what), output.stdout(), output.stderr());
  }

  /** The exec's exit code; the engine records it a moment after the output stream ends. */
  private int exitCode(String id, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      InspectExecResponse exec =
          DockerFailures.call(what, endpoint, () -> connection.client().inspectExecCmd(id).exec());
      if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
        return exec.getExitCodeLong().intValue();
      }
      if (System.nanoTime() > deadline) {
        throw ProvisionException.of(what + ": the engine reported no exit code", "try again");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ProvisionException.of(what + " was interrupted", "run the command again");
      }
    }
  }

  Optional<byte[]> readFile(String container, String path) {
    String what = "reading " + path + " from container " + container;
    try (InputStream archive =
        connection.client().copyArchiveFromContainerCmd(container, path).exec()) {
      return TarFiles.firstFile(archive);
    } catch (NotFoundException e) {
      // 404 means either no such file or no such container; only the first is "empty".
      if (connection.getJson("/containers/" + container + "/json").isEmpty()) {
        throw ProvisionException.of(
            what + " failed: container " + container + " does not exist on Docker " + endpoint,
            "run plan to see the current containers");
      }
      return Optional.empty();
    } catch (IOException e) {
      throw DockerFailures.wrap(what, endpoint, new UncheckedIOException(e));
    } catch (RuntimeException e) {
      throw DockerFailures.wrap(what, endpoint, e);
    }
  }

  private static boolean await(
      com.github.dockerjava.api.async.ResultCallback.Adapter<?> callback, long seconds) {
    try {
      return callback.awaitCompletion(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
