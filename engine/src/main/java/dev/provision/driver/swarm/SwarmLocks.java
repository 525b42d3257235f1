package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.driver.Labels;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import dev.provision.driver.docker.DockerConnection;
import dev.provision.driver.docker.LockLabels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's lock on a swarm: a Swarm config named {@code <deployment>-lock}. The swarm lets
 * only one config have a name, so creating it is the mutual exclusion (a 409 means held). The
 * holder and the expiry are its labels ({@link LockLabels}, as on Docker); the heartbeat rewrites
 * the expiry and the step ({@link SwarmLabels#LOCK_STEP}), the one change Swarm allows on a config,
 * against the version read, so a renewal never lands on a lock someone else took meanwhile.
 */
final class SwarmLocks {
  private static final String DATA =
      Base64.getEncoder()
          .encodeToString("a provision deployment lock\n".getBytes(StandardCharsets.UTF_8));

  private final SwarmApi api;

  SwarmLocks(SwarmApi api) {
    this.api = api;
  }

  static String name(String deployment) {
    return deployment + "-lock";
  }

  Optional<String> create(String deployment, LockHolder holder, Instant expires) {
    ObjectNode spec = SwarmApi.JSON.createObjectNode().put("Name", name(deployment));
    spec.set("Labels", SwarmApi.labelsNode(LockLabels.of(deployment, holder, expires)));
    spec.put("Data", DATA);
    DockerConnection.Answer answer = api.exchange("POST", "/configs/create", spec);
    if (answer.status() == 409) {
      return Optional.empty();
    }
    api.check("creating the lock " + name(deployment), answer, List.of());
    return Optional.of(answer.body().path("ID").asText());
  }

  Optional<LockRecord> read(String deployment) {
    return api.get("/configs/" + SwarmApi.encode(name(deployment)))
        .flatMap(
            config -> {
              Map<String, String> labels = SwarmApi.labels(config.path("Spec").path("Labels"));
              return LockLabels.read(config.path("ID").asText(), labels)
                  .map(
                      r ->
                          new LockRecord(
                              r.id(),
                              r.holder(),
                              r.expires(),
                              Optional.ofNullable(labels.get(SwarmLabels.LOCK_STEP))));
            });
  }

  /** True when a config holds the lock's name without the lock label: made by something else. */
  boolean takenByOther(String deployment) {
    return api.get("/configs/" + SwarmApi.encode(name(deployment)))
        .map(c -> !SwarmApi.labels(c.path("Spec").path("Labels")).containsKey(Labels.LOCK))
        .orElse(false);
  }

  boolean renew(String lockId, Instant expires, String step) {
    Optional<JsonNode> config = api.get("/configs/" + SwarmApi.encode(lockId));
    if (config.isEmpty()) {
      return false;
    }
    ObjectNode spec = config.get().path("Spec").deepCopy();
    ObjectNode labels = (ObjectNode) spec.path("Labels");
    labels.put(LockLabels.EXPIRES, expires.toString());
    if (step != null) {
      labels.put(SwarmLabels.LOCK_STEP, step);
    }
    DockerConnection.Answer answer =
        api.exchange(
            "POST",
            "/configs/"
                + lockId
                + "/update?version="
                + config.get().path("Version").path("Index").asLong(),
            spec);
    if (answer.status() == 404) {
      return false;
    }
    api.check("renewing the lock " + lockId, answer, List.of());
    return true;
  }

  void remove(String lockId) {
    DockerConnection.Answer answer =
        api.exchange("DELETE", "/configs/" + SwarmApi.encode(lockId), null);
    if (answer.status() != 404) {
      api.check("removing the lock " + lockId, answer, List.of());
    }
  }
}
