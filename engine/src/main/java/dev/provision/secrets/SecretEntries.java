package dev.provision.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of a secrets file while it is being changed under its lock: the current value of each
 * entry, and for each entry the values it held before ({@link Previous}), oldest first.
 *
 * <p>Nothing is ever dropped by {@link #set}: a value that is replaced or removed moves to the
 * history, and a value that becomes current again leaves it. Only {@link #forget} drops a value,
 * for a secret an apply generated and then took back before anything used it.
 */
public final class SecretEntries {
  /** A value an entry held before, and when it was replaced (for people reading the file). */
  public record Previous(String value, Instant replaced) {
    @Override
    public String toString() {
      return "Previous[(sensitive), replaced=" + replaced + "]";
    }
  }

  private final TreeMap<String, String> current;
  private final TreeMap<String, List<Previous>> history;

  SecretEntries(Map<String, String> current, Map<String, List<Previous>> history) {
    this.current = new TreeMap<>(current);
    this.history = new TreeMap<>();
    history.forEach((k, v) -> this.history.put(k, new ArrayList<>(v)));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(current.get(key));
  }

  /** The current entries, sorted by key. */
  public Map<String, String> current() {
    return new TreeMap<>(current);
  }

  /** The values {@code key} held before, oldest first. */
  public List<String> history(String key) {
    return history.getOrDefault(key, List.of()).stream().map(Previous::value).toList();
  }

  Map<String, List<Previous>> historyEntries() {
    return history;
  }

  /**
   * Sets {@code key} to {@code value} (null removes the entry); a different value it held is kept
   * in the history.
   */
  public void set(String key, String value) {
    SecretsFile.checkKey(key);
    String old = current.get(key);
    if (old != null && old.equals(value)) {
      return;
    }
    if (old != null) {
      history.computeIfAbsent(key, k -> new ArrayList<>()).add(new Previous(old, Instant.now()));
    }
    if (value == null) {
      current.remove(key);
      return;
    }
    current.put(key, value);
    List<Previous> before = history.get(key);
    if (before != null) {
      for (int i = before.size() - 1; i >= 0; i--) {
        if (before.get(i).value().equals(value)) {
          before.remove(i);
          break;
        }
      }
      if (before.isEmpty()) {
        history.remove(key);
      }
    }
  }

  /** Drops {@code value} from {@code key}'s history (a generated value nothing ever used). */
  public void forget(String key, String value) {
    List<Previous> before = history.get(key);
    if (before != null) {
      before.removeIf(p -> p.value().equals(value));
      if (before.isEmpty()) {
        history.remove(key);
      }
    }
  }

  /** True when there is no entry and no history. */
  public boolean isEmpty() {
    return current.isEmpty() && history.isEmpty();
  }

  SecretEntries copy() {
    return new SecretEntries(current, history);
  }

  boolean sameAs(SecretEntries other) {
    return current.equals(other.current) && history.equals(other.history);
  }

  @Override
  public String toString() {
    return "SecretEntries" + current.keySet();
  }
}
