package dev.provision.cli;

import dev.provision.cli.view.PlanJsonReader;
import dev.provision.cli.view.PlanJsonV2View;
import dev.provision.cli.view.PlanJsonView;
import dev.provision.cli.view.PlanMarkdownView;
import dev.provision.cli.view.PlanTextView;
import dev.provision.diag.ProvisionException;
import dev.provision.plan.Plan;
import dev.provision.plan.SavedPlan;
import dev.provision.secrets.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Picks the view for a format; the views themselves live in {@code dev.provision.cli.view}. */
final class Views {
  private Views() {}

  static void print(Plan plan, Format format, Cli cli) {
    switch (format) {
      case text -> cli.out().print(PlanTextView.render(plan, cli.color()));
      case json -> cli.out().print(PlanJsonView.render(plan));
      case markdown -> {
        List<String> parts = PlanMarkdownView.render(plan);
        cli.out().print(String.join("\n<!-- provision: next part -->\n\n", parts));
      }
    }
    cli.out().flush();
  }

  /**
   * Writes a saved plan atomically, created 0600 in one step ({@link PrivateFiles}): it names the
   * target, its ports and its database, and is for the people who may apply it. The sensitive texts
   * of the specs read are masked in it too.
   */
  static void writeSaved(SavedPlan saved, Path file, Cli cli) {
    try {
      PrivateFiles.replace(
          file,
          cli.engine()
              .sensitive()
              .redact(PlanJsonV2View.render(saved))
              .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write the plan file " + file + ": " + e.getMessage(),
          "check that the folder exists and is writable");
    }
  }

  static Plan readJson(Path file) {
    return PlanJsonReader.read(file);
  }
}
