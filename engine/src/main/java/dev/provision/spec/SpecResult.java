package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Spec;
import java.util.List;

/**
 * A spec that passed every check, and the warnings found on the way (an unpinned image, a secret
 * written as plain text). Warnings never carry secret values.
 */
public record SpecResult(Spec spec, List<Diagnostic> warnings) {
  public SpecResult {
    warnings = List.copyOf(warnings);
  }
}
