package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.provision.driver.Labels;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's lock on a Docker engine: a container named {@code <deployment>-lock}, created and
 * never started. Docker lets only one container have a name, so creating it is the mutual exclusion
 * (labels cannot change after creation and creating an existing volume succeeds, so neither would
 * do). The holder is in its labels ({@link LockLabels}); the heartbeat (expiry and current step) is
 * a small JSON file put into the container's filesystem. The image is tiny, built on the target
 * from one file through the import API when missing: nothing is pulled.
 */
final class LockContainers {
  static final String IMAGE = "provision-lock:1";
  static final String BEAT_FILE = "/provision-lock.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerConnection connection;
  private final String endpoint;

  LockContainers(DockerConnection connection) {
    this.connection = connection;
    this.endpoint = connection.endpoint().host().toString();
  }

  static String name(String deployment) {
    return deployment + "-lock";
  }

  /**
   * Creates the lock container, building the lock image first only when the engine says it is
   * missing (one round-trip when it exists, as it does after the first apply on an engine). The
   * expiry is in the labels until the first renewal writes {@link #BEAT_FILE} ({@link #read} falls
   * back to them): writing the file at once would cost a copy into the container's filesystem,
   * which the engine mounts for it, before every apply. Sent as raw JSON, as the removal is: a
   * command that changes nothing needs no docker-java command classes.
   */
  Optional<String> create(String deployment, LockHolder holder, Instant expires) {
    ObjectNode body = JSON.createObjectNode().put("Image", IMAGE);
    body.putArray("Cmd").add("/provision-lock");
    body.set("Labels", JSON.valueToTree(LockLabels.of(deployment, holder, expires)));
    String path = "/containers/create?name=" + URLEncoder.encode(name(deployment), UTF8);
    DockerConnection.Answer answer = connection.exchange("POST", path, body);
    if (answer.status() == 404) { // no such image: build it, then create once more
      ensureImage();
      answer = connection.exchange("POST", path, body);
    }
    if (answer.status() == 409) {
      return Optional.empty(); // the name is taken: someone holds the lock
    }
    if (!answer.ok()) {
      throw DockerFailures.of("creating the lock container " + name(deployment), endpoint, answer);
    }
    return Optional.of(answer.body().path("Id").asText());
  }

  Optional<LockRecord> read(String deployment) {
    Optional<JsonNode> inspect = connection.getJson("/containers/" + name(deployment) + "/json");
    if (inspect.isEmpty()) {
      return Optional.empty();
    }
    String id = inspect.get().path("Id").asText();
    Map<String, String> labels =
        JSON.convertValue(inspect.get().path("Config").path("Labels"), LockLabels.MAP);
    Optional<LockRecord> fromLabels = LockLabels.read(id, labels);
    if (fromLabels.isEmpty()) {
      return Optional.empty();
    }
    LockRecord record = fromLabels.get();
    Optional<byte[]> beat;
    try {
      beat = new ContainerIo(connection).readFile(id, BEAT_FILE);
    } catch (RuntimeException gone) {
      return connection.getJson("/containers/" + id + "/json").isPresent()
          ? Optional.of(record)
          : Optional.empty();
    }
    if (beat.isEmpty()) {
      return Optional.of(record);
    }
    try {
      JsonNode node = JSON.readTree(beat.get());
      Instant expires = Instant.parse(node.path("expires").asText());
      Optional<String> step =
          node.hasNonNull("step") ? Optional.of(node.get("step").asText()) : Optional.empty();
      return Optional.of(new LockRecord(id, record.holder(), expires, step));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.of(record);
    }
  }

  /**
   * True when a container holds the lock's name without the lock label: made by something else
   * (labels never change, so a lock being removed keeps its label until it is gone).
   */
  boolean takenByOther(String deployment) {
    return connection
        .getJson("/containers/" + name(deployment) + "/json")
        .map(c -> !c.path("Config").path("Labels").has(Labels.LOCK))
        .orElse(false);
  }

  boolean renew(String id, Instant expires, String step) {
    ObjectNode beat = JSON.createObjectNode().put("expires", expires.toString());
    if (step != null) {
      beat.put("step", step);
    }
    byte[] tar = Tars.oneFile(BEAT_FILE.substring(1), beat.toString().getBytes(UTF8), 0644);
    try {
      DockerFailures.run(
          "renewing the lock " + id,
          endpoint,
          () ->
              connection
                  .client()
                  .copyArchiveToContainerCmd(id)
                  .withRemotePath("/")
                  .withTarInputStream(new ByteArrayInputStream(tar))
                  .exec());
      return true;
    } catch (RuntimeException e) {
      if (e.getCause() instanceof NotFoundException
          || connection.getJson("/containers/" + id + "/json").isEmpty()) {
        return false;
      }
      throw e;
    }
  }

  void remove(String id) {
    DockerConnection.Answer answer =
        connection.exchange("DELETE", "/containers/" + id + "?force=true", null);
    if (!answer.ok() && answer.status() != 404) {
      throw DockerFailures.of("removing the lock container " + id, endpoint, answer);
    }
  }

  private void ensureImage() {
    if (connection.getJson("/images/" + IMAGE + "/json").isPresent()) {
      return;
    }
    byte[] tar =
        Tars.oneFile(
            "provision-lock",
            "a provision deployment lock: this image is never run\n".getBytes(UTF8),
            0644);
    String changes = URLEncoder.encode("LABEL " + LockLabels.IMAGE_LABEL + "=1", UTF8);
    try {
      connection.postTar(
          "/images/create?fromSrc=-&repo=provision-lock&tag=1&changes=" + changes, tar);
    } catch (UncheckedIOException e) {
      throw DockerFailures.wrap("building the lock image", endpoint, e);
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
