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
 */
public record SpecResult(Spec spec, List<Diagnostic> warnings, List<Path> files) {
  public SpecResult {
    warnings = List.copyOf(warnings);
    files = List.copyOf(files);
  }

  /** A result read from the spec file alone (no base files). */
  public SpecResult(Spec spec, List<Diagnostic> warnings) {
    this(spec, warnings, List.of(spec.source()));
  }
}
