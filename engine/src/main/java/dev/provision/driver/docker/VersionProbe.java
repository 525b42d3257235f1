package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Asks the engine's {@code /version} through the connection's own client within a deadline, so that
 * one client serves the whole run even when its calls have no response timeout (pulls may
 * legitimately be silent for minutes, an engine that never answers its first call may not).
 */
final class VersionProbe {
  private VersionProbe() {}

  /**
   * @return the answer, or null when the engine has no {@code /version}
   * @throws TimeoutException after {@code wait} without an answer ({@code client} is then closed,
   *     which ends the pending call)
   */
  static JsonNode ask(Supplier<Optional<JsonNode>> call, Duration wait, Closeable client)
      throws TimeoutException, IOException {
    CompletableFuture<Optional<JsonNode>> answer =
        CompletableFuture.supplyAsync(
            call,
            task -> {
              Thread t = new Thread(task, "provision-docker-version");
              t.setDaemon(true);
              t.start();
            });
    try {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS).orElse(null);
    } catch (TimeoutException e) {
      client.close();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new IOException("interrupted while asking the engine's /version", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }
}
