package dev.provision.driver.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.LogRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Streams a container's log through docker-java's {@code logContainerCmd}: the raw payload of each
 * frame (stdout and stderr alike) goes to the consumer as it arrives, nothing is held in memory.
 * The caller's stop check is polled a few times a second; when it turns true the stream is closed.
 */
final class ContainerLogs {
  private static final long POLL_MILLIS = 200;

  private final DockerConnection connection;
  private final String endpoint;

  ContainerLogs(DockerConnection connection) {
    this.connection = connection;
    this.endpoint = connection.endpoint().host().toString();
  }

  void stream(
      String container, LogRequest request, Consumer<byte[]> chunks, BooleanSupplier stopped) {
    String what = "reading the log of container " + container;
    LogContainerCmd cmd =
        connection
            .client()
            .logContainerCmd(container)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(request.follow());
    request.since().ifPresent(s -> cmd.withSince((int) s.getEpochSecond()));
    request.tail().ifPresent(cmd::withTail);
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload != null && payload.length > 0) {
              chunks.accept(payload);
            }
          }
        };
    try {
      DockerFailures.run(what, endpoint, () -> cmd.exec(callback));
      while (!callback.awaitCompletion(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (stopped.getAsBoolean()) {
          break;
        }
      }
    } catch (NotFoundException e) {
      throw missing(container);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ProvisionException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e.getCause() instanceof NotFoundException) {
        throw missing(container);
      }
      throw DockerFailures.wrap(what, endpoint, e);
    } finally {
      try {
        callback.close();
      } catch (IOException e) {
        // the stream is being abandoned; nothing more to read from it
      }
    }
  }

  private ProvisionException missing(String container) {
    return ProvisionException.of(
        "container " + container + " does not exist on Docker " + endpoint,
        "run provision apply to create it");
  }
}
