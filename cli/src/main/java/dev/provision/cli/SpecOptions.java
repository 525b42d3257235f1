package dev.provision.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every spec-reading command shares. */
final class SpecOptions {
  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Override one spec value, e.g. --set backend.image=IMAGE (repeatable; validated like the file).")
  List<String> sets = new ArrayList<>();
}
