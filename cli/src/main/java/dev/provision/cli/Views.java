package dev.provision.cli;

import dev.provision.plan.Plan;
import java.nio.file.Path;

/** Renders plans in the chosen format. STUB until the views land. */
final class Views {
  private Views() {}

  static void print(Plan plan, Format format, Cli cli) {
    cli.out().println(plan);
  }

  static void writeJson(Plan plan, Path file) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  static Plan readJson(Path file) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
