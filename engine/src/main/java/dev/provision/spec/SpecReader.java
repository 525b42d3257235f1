package dev.provision.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads a spec. STUB until the reader lands. */
public final class SpecReader {
  public SpecReader(Map<String, String> environment) {}

  public SpecResult read(Path file, List<String> sets) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
