package dev.provision.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The classes that the commands users run load ({@code archive-classes.txt}, written by {@code
 * bench/archive-classes}). The launcher's run that writes the class-data archive (the first one
 * after a build) loads them all at its end, so the archive serves every command and not only the
 * one that happened to come first. Only loaded, not initialised: no static code runs.
 */
final class ArchiveClasses {
  /** Set by the launcher on the run that writes the archive. */
  static final String PROPERTY = "provision.cds.train";

  static final String RESOURCE = "archive-classes.txt";

  private ArchiveClasses() {}

  /** Loads every listed class when this run writes the archive; returns how many loaded. */
  static int loadForArchive() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return 0;
    }
    return load();
  }

  /** Loads every listed class that this JVM can load; a missing one is skipped. */
  static int load() {
    int loaded = 0;
    ClassLoader loader = ArchiveClasses.class.getClassLoader();
    try (InputStream in = ArchiveClasses.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return 0;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        try {
          Class.forName(line.strip().replace('/', '.'), false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError gone) {
          // renamed or removed since the list was written: nothing to archive
        }
      }
    } catch (IOException e) {
      // no list: the archive holds what this run loaded
    }
    return loaded;
  }
}
