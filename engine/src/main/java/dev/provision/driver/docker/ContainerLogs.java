package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.LogRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Streams a container's log from the engine's {@code /containers/NAME/logs} endpoint: the payload
 * of each frame of the multiplexed stream (stdout and stderr alike; the raw bytes for a container
 * with a TTY) goes to the consumer as it arrives, nothing is held in memory. A reader thread reads
 * the stream; the calling thread polls the caller's stop check a few times a second and, when it
 * turns true, closes the stream, which ends the reader.
 *
 * <p>Read with the transport directly rather than docker-java's {@code logContainerCmd}: on this
 * engine (20.10, API 1.41) its followed stream ended after the lines already written, while the
 * engine itself keeps the answer open (measured with curl on the socket).
 */
public final class ContainerLogs {
  private static final long POLL_MILLIS = 200;

  private final DockerConnection connection;
  private final String endpoint;

  public ContainerLogs(DockerConnection connection) {
    this.connection = connection;
    this.endpoint = connection.endpoint().host().toString();
  }

  void stream(
      String container, LogRequest request, Consumer<byte[]> chunks, BooleanSupplier stopped) {
    String what = "reading the log of container " + container;
    JsonNode inspect =
        DockerFailures.call(
                what,
                endpoint,
                () -> connection.getJson("/containers/" + encode(container) + "/json"))
            .orElseThrow(() -> missing(container));
    boolean tty = inspect.path("Config").path("Tty").asBoolean(false);
    streamFrom(container, "/containers/" + encode(container), tty, request, chunks, stopped);
  }

  /**
   * Streams the log at {@code base + "/logs"} (a container's, or a Swarm service's, whose log has
   * the same form) of the object {@code container} names in messages.
   */
  public void streamFrom(
      String container,
      String base,
      boolean tty,
      LogRequest request,
      Consumer<byte[]> chunks,
      BooleanSupplier stopped) {
    String what = "reading the log of container " + container;
    StringBuilder query =
        new StringBuilder(base)
            .append("/logs?stdout=1&stderr=1&follow=")
            .append(request.follow() ? 1 : 0);
    request.since().ifPresent(s -> query.append("&since=").append(s.getEpochSecond()));
    request.tail().ifPresent(t -> query.append("&tail=").append(t));
    DockerHttpClient.Response response =
        DockerFailures.call(what, endpoint, () -> connection.openStream(query.toString()));
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream body = response.getBody()) {
                int status = response.getStatusCode();
                if (status == 404) {
                  throw missing(container);
                }
                if (status / 100 != 2) {
                  throw ProvisionException.of(
                      what
                          + " failed on Docker "
                          + endpoint
                          + ": the engine answered "
                          + status
                          + " "
                          + new String(body.readNBytes(2000), StandardCharsets.UTF_8).strip(),
                      "run docker logs " + container + " on the host");
                }
                if (tty) {
                  body.transferTo(new ChunkOut(chunks));
                } else {
                  frames(body, chunks);
                }
              } catch (Exception e) {
                failure.set(e);
              }
            },
            "provision-logs-" + container);
    reader.setDaemon(true);
    reader.start();
    try {
      while (reader.isAlive()) {
        reader.join(POLL_MILLIS);
        if (stopped.getAsBoolean()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(response);
      try {
        reader.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Exception e = failure.get();
    if (e != null && !stopped.getAsBoolean()) {
      if (e instanceof ProvisionException p) {
        throw p;
      }
      throw DockerFailures.wrap(
          what, endpoint, e instanceof RuntimeException r ? r : new RuntimeException(e));
    }
  }

  /** The multiplexed stream: an 8-byte header (stream, 0, 0, 0, big-endian size), the payload. */
  private static void frames(InputStream body, Consumer<byte[]> chunks) throws IOException {
    while (true) {
      byte[] header = body.readNBytes(8);
      if (header.length < 8) {
        return;
      }
      int size =
          ((header[4] & 0xff) << 24)
              | ((header[5] & 0xff) << 16)
              | ((header[6] & 0xff) << 8)
              | (header[7] & 0xff);
      byte[] payload = body.readNBytes(size);
      if (payload.length > 0) {
        chunks.accept(payload);
      }
      if (payload.length < size) {
        return;
      }
    }
  }

  private static void close(DockerHttpClient.Response response) {
    try {
      response.close();
    } catch (RuntimeException e) {
      // the stream is being abandoned; nothing more to read from it
    }
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private ProvisionException missing(String container) {
    return ProvisionException.of(
        "container " + container + " does not exist on Docker " + endpoint,
        "run provision apply to create it");
  }

  /** Passes each write on as one chunk. */
  private static final class ChunkOut extends java.io.OutputStream {
    private final Consumer<byte[]> chunks;

    ChunkOut(Consumer<byte[]> chunks) {
      this.chunks = chunks;
    }

    @Override
    public void write(int b) {
      chunks.accept(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len > 0) {
        chunks.accept(java.util.Arrays.copyOfRange(b, off, off + len));
      }
    }
  }
}
