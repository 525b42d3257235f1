package dev.provision.spec;

import dev.provision.model.Backups;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code backups:}: the folder (relative to the spec; default {@code backups/} beside the
 * secrets file) and how many backups to keep (the schema checks 1 to 1000, with its position).
 */
final class BackupsSection {
  private BackupsSection() {}

  static Backups read(Fields root, Path specFile) {
    Fields b = root.child("backups");
    if (!b.present()) {
      return Backups.DEFAULT;
    }
    String text = b.string("dir", null);
    Optional<Path> dir = Optional.empty();
    if (text != null && text.isBlank()) {
      new Refusal(
              "is empty",
              "a folder relative to the spec's folder",
              "remove the key to use backups/ beside the secrets file")
          .report(b, "dir");
    } else if (text != null) {
      Path path = SpecPaths.resolve(b, "dir", text, specFile);
      dir = Optional.ofNullable(path).map(p -> p.toAbsolutePath().normalize());
    }
    long keep = b.number("keep", Backups.DEFAULT_KEEP);
    // out of range is the schema's error (with its position); read on with the default
    int kept = keep < 1 || keep > Backups.MAX_KEEP ? Backups.DEFAULT_KEEP : (int) keep;
    return new Backups(dir, kept);
  }
}
