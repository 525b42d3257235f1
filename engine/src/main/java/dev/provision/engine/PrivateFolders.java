package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.exec.Journal;
import dev.provision.secrets.PrivateFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Before an apply writes a journal or a secret, makes provision's own folders private: {@code
 * .provision/} next to the spec, its {@code journal/} folder, and the secrets file's folder when it
 * is a {@code .provision} folder too. An earlier version created {@code .provision/} 0755; such a
 * folder is tightened to 0700 and a warning says so. A folder the user chose for the secrets file
 * (any other name) is never changed: it may be a project folder others must read.
 */
final class PrivateFolders {
  private PrivateFolders() {}

  /** Warnings for each folder tightened (or that could not be); empty when all were private. */
  static List<Diagnostic> tighten(Path journalBase, Path secretsFile) {
    Set<Path> folders = new LinkedHashSet<>();
    Path own = journalBase.toAbsolutePath().normalize().resolve(Journal.PRIVATE_FOLDER);
    folders.add(own);
    folders.add(own.resolve(Journal.JOURNAL_FOLDER));
    Path secrets = secretsFile.toAbsolutePath().normalize().getParent();
    if (secrets != null
        && secrets.getFileName() != null
        && secrets.getFileName().toString().equals(Journal.PRIVATE_FOLDER)) {
      folders.add(secrets);
    }
    List<Diagnostic> warnings = new ArrayList<>();
    for (Path folder : folders) {
      PrivateFiles.tighten(folder).ifPresent(warnings::add);
    }
    return warnings;
  }
}
