package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Spec;
import java.nio.file.Path;
import java.util.List;

/**
 * A spec that passed every check, the warnings found on the way (an unpinned image, a secret
 * written as plain text), and the files it was read from. Warnings never carry secret values.
 *
 * @param files the spec file and each base file it extends ({@code extends:}), spec first
 * @param referenced each file a {@code ${file:}} reference names (never to be written over)
 */
public record SpecResult(
    Spec spec, List<Diagnostic> warnings, List<Path> files, List<Path> referenced) {
  public SpecResult {
    warnings = List.copyOf(warnings);
    files = List.copyOf(files);
    referenced = List.copyOf(referenced);
  }

  /** A result with no {@code ${file:}} references. */
  public SpecResult(Spec spec, List<Diagnostic> warnings, List<Path> files) {
    this(spec, warnings, files, List.of());
  }

  /** A result read from the spec file alone (no base files). */
  public SpecResult(Spec spec, List<Diagnostic> warnings) {
    this(spec, warnings, List.of(spec.source()));
  }
}
