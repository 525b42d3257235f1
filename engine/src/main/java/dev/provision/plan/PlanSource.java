package dev.provision.plan;

import java.util.List;

/**
 * Where a saved plan came from, so apply can make it again: the spec file (relative to the plan
 * file), the SHA-256 of its content and of every overlay it pulls in ({@code extends:}), and the
 * {@code --set} arguments as written (references such as {@code ${env:X}} stay references).
 *
 * @param spec the spec file's path relative to the plan file's folder, with {@code /} separators
 * @param files the spec and each overlay (same relative form) with the SHA-256 of its content
 */
public record PlanSource(String spec, List<SourceFile> files, List<String> sets) {
  public PlanSource {
    files = List.copyOf(files);
    sets = List.copyOf(sets);
  }

  /** One file the spec is read from, with the hex SHA-256 of its bytes. */
  public record SourceFile(String path, String sha256) {}
}
