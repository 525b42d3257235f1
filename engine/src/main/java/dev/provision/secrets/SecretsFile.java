package dev.provision.secrets;

import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The local file where generated and adopted secrets are kept (instance secret, Postgres password,
 * JWT key): a JSON object, mode 0600 in a 0700 folder (see {@link SecretsFormat}). Losing it is
 * safe only while the live target still holds the secrets; keep it backed up like a private key.
 *
 * <p>Every change is a read-modify-write done entirely under a lock ({@link #update}): an
 * in-process lock per absolute path, then an exclusive {@link FileLock} on the sibling file {@code
 * NAME.lock} (kept, empty, so that every process locks the same file), so parallel steps and
 * parallel processes never lose each other's entries. The file is replaced atomically and durably
 * ({@link PrivateFiles}). A replaced value is never dropped: it moves to the file's history.
 */
public final class SecretsFile {
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path path;
  private final AtomicBoolean created = new AtomicBoolean();

  public SecretsFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** The current entries; empty when the file does not exist. */
  public Map<String, String> read() {
    return entries().current();
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(read().get(key));
  }

  /** The values {@code key} held before, oldest first. */
  public List<String> history(String key) {
    return entries().history(key);
  }

  /** Sets one entry (null removes it); a value it replaces is kept in the history. */
  public void put(String key, String value) {
    update(
        e -> {
          e.set(key, value);
          return null;
        });
  }

  /**
   * Reads the file, lets {@code change} edit its entries and writes the result (only when it
   * changed), all under the in-process and the cross-process lock.
   *
   * @return what {@code change} returned
   */
  public <T> T update(Function<SecretEntries, T> change) {
    return locked(
        () -> {
          SecretEntries before = load();
          SecretEntries after = before.copy();
          T result = change.apply(after);
          if (!after.sameAs(before)) {
            boolean existed = Files.exists(absolute());
            PrivateFiles.replace(absolute(), SecretsFormat.render(after));
            if (!existed) {
              created.set(true);
            }
          }
          return result;
        });
  }

  /** True when a write through this object created the file (it did not exist before). */
  public boolean createdHere() {
    return created.get();
  }

  /**
   * Deletes the file when a write through this object created it and it now holds nothing (no
   * entry, no history): a failed first apply leaves no empty file behind.
   *
   * @return true when it was deleted
   */
  public boolean deleteIfCreatedHereAndEmpty() {
    if (!created.get()) {
      return false;
    }
    return locked(
        () -> {
          if (Files.exists(absolute()) && load().isEmpty()) {
            PrivateFiles.delete(absolute());
            created.set(false);
            return true;
          }
          return false;
        });
  }

  static void checkKey(String key) {
    if (key == null || key.isEmpty() || key.equals(SecretsFormat.HISTORY)) {
      throw new IllegalArgumentException("not a secrets file entry name: " + key);
    }
  }

  private Path absolute() {
    return path.toAbsolutePath().normalize();
  }

  private SecretEntries entries() {
    try {
      return load();
    } catch (IOException e) {
      throw unreadable();
    }
  }

  private SecretEntries load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(absolute());
    } catch (NoSuchFileException e) {
      return new SecretEntries(Map.of(), Map.of());
    }
    try {
      return SecretsFormat.parse(bytes);
    } catch (IOException e) {
      throw unreadable();
    }
  }

  private ProvisionException unreadable() {
    return ProvisionException.of(
        "cannot read the secrets file " + path + " (it is not a JSON object of secrets)",
        "restore it from a backup; without it, secrets are adopted from the live target when it runs");
  }

  /** Work done while holding the lock. */
  private interface Locked<T> {
    T run() throws IOException;
  }

  private <T> T locked(Locked<T> work) {
    Path file = absolute();
    ReentrantLock lock = LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
    lock.lock();
    try {
      PrivateFiles.ensureFolder(file.getParent());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(
                  lockFile,
                  Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                  PrivateFiles.fileMode());
          FileLock held = channel.lock()) {
        return work.run();
      }
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write the secrets file " + path + ": " + e.getMessage(),
          "check that its folder is writable (set secrets.file in the spec to move it)");
    } finally {
      lock.unlock();
    }
  }
}
