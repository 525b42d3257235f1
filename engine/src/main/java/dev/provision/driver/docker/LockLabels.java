package dev.provision.driver.docker;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.provision.driver.Labels;
import dev.provision.driver.LockHolder;
import dev.provision.driver.LockRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The labels of a lock container (the holder and the first expiry), and how they read back. */
public final class LockLabels {
  static final String IMAGE_LABEL = "dev.provision.lock-image";
  static final String USER = "dev.provision.lock.user";
  static final String HOST = "dev.provision.lock.host";
  static final String PID = "dev.provision.lock.pid";
  static final String COMMAND = "dev.provision.lock.command";
  static final String STARTED = "dev.provision.lock.started";
  public static final String EXPIRES = "dev.provision.lock.expires";
  public static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private LockLabels() {}

  public static Map<String, String> of(String deployment, LockHolder h, Instant expires) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Labels.LOCK, deployment);
    labels.put(Labels.APPLY_ID, h.applyId());
    labels.put(USER, h.user());
    labels.put(HOST, h.host());
    labels.put(PID, Long.toString(h.pid()));
    labels.put(COMMAND, h.command());
    labels.put(STARTED, h.started().toString());
    labels.put(EXPIRES, expires.toString());
    return labels;
  }

  /** Empty when the labels are not a lock's (a container of that name made by something else). */
  public static Optional<LockRecord> read(String id, Map<String, String> labels) {
    if (labels == null || !labels.containsKey(Labels.LOCK)) {
      return Optional.empty();
    }
    try {
      LockHolder holder =
          new LockHolder(
              labels.getOrDefault(Labels.APPLY_ID, "?"),
              labels.getOrDefault(USER, "?"),
              labels.getOrDefault(HOST, "?"),
              Long.parseLong(labels.getOrDefault(PID, "-1")),
              labels.getOrDefault(COMMAND, "?"),
              Instant.parse(labels.get(STARTED)));
      return Optional.of(
          new LockRecord(id, holder, Instant.parse(labels.get(EXPIRES)), Optional.empty()));
    } catch (RuntimeException malformed) {
      return Optional.of(
          new LockRecord(
              id,
              new LockHolder("?", "?", "?", -1, "?", Instant.EPOCH),
              Instant.EPOCH,
              Optional.empty()));
    }
  }
}
