package dev.provision.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects diagnostics so that a user sees every problem at once instead of one per run. Not
 * thread-safe: one collector per reading of input.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(List<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> all() {
    return Collections.unmodifiableList(items);
  }

  public List<Diagnostic> warnings() {
    return items.stream().filter(d -> !d.isError()).toList();
  }

  /** Throws {@link ProvisionException} carrying everything collected when any error was added. */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new ProvisionException(List.copyOf(items));
    }
  }
}
