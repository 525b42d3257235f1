package dev.provision.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The spec's {@code backups:} section: where {@code provision backup} and apply's automatic backups
 * go, and how many of the newest each deployment keeps there.
 *
 * @param dir the folder (absolute); empty means {@code backups/} beside the secrets file
 * @param keep how many backups to keep, 1 to {@value #MAX_KEEP}
 */
public record Backups(Optional<Path> dir, int keep) {
  /** The default {@link #keep}. */
  public static final int DEFAULT_KEEP = 10;

  /** The largest {@link #keep} the schema allows. */
  public static final int MAX_KEEP = 1000;

  /** No {@code backups:} section: the default folder, the ten newest kept. */
  public static final Backups DEFAULT = new Backups(Optional.empty(), DEFAULT_KEEP);

  public Backups {
    dir = dir == null ? Optional.empty() : dir;
    if (keep < 1 || keep > MAX_KEEP) {
      throw new IllegalArgumentException("keep out of range: " + keep);
    }
  }

  /** The folder for a deployment whose secrets file is {@code secretsFile}. */
  public Path dirFor(Path secretsFile) {
    return dir.orElseGet(() -> secretsFile.toAbsolutePath().getParent().resolve("backups"));
  }
}
