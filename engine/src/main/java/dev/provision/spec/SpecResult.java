package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Spec;
import java.util.List;

/** A validated spec and the warnings found while reading it. STUB until the reader lands. */
public record SpecResult(Spec spec, List<Diagnostic> warnings) {}
