package dev.provision.cli;

import dev.provision.cli.view.FleetView;
import java.util.List;

/**
 * Prints a several-spec run: each deployment's block as it is finished (in the order given), then
 * the summary; or, for JSON, nothing until one document at the end. Each block's standard error
 * goes to standard error under the same heading.
 */
final class FleetBlocks {
  /** How the run is shown. */
  enum Style {
    TEXT,
    MARKDOWN,
    JSON
  }

  private final Cli cli;
  private final Style style;
  private final String command;

  FleetBlocks(Cli cli, Style style, String command) {
    this.cli = cli;
    this.style = style;
    this.command = command;
  }

  static Style style(Format format) {
    return switch (format) {
      case text -> Style.TEXT;
      case markdown -> Style.MARKDOWN;
      case json -> Style.JSON;
    };
  }

  /** Prints one finished block (nothing for JSON, whose document comes at the end). */
  void print(FleetOutcome outcome) {
    if (style == Style.JSON) {
      return;
    }
    FleetView.Row row = row(outcome);
    String heading =
        style == Style.MARKDOWN ? FleetView.markdownHeading(row) + "\n" : FleetView.heading(row);
    cli.out().println(heading);
    if (outcome.result() == FleetOutcome.Result.SKIPPED) {
      cli.out().println("skipped: not started");
    }
    cli.out().print(ended(outcome.out()));
    cli.out().println();
    cli.out().flush();
    if (!outcome.err().isEmpty()) {
      cli.err().println(FleetView.heading(row));
      cli.err().print(ended(outcome.err()));
      cli.err().flush();
    }
  }

  /** Prints the summary table, or the JSON document with every deployment. */
  void finish(List<FleetOutcome> outcomes, int exitCode) {
    List<FleetView.Row> rows = outcomes.stream().map(FleetBlocks::row).toList();
    cli.out()
        .print(
            switch (style) {
              case TEXT -> FleetView.summaryText(rows, exitCode);
              case MARKDOWN -> FleetView.summaryMarkdown(rows, exitCode);
              case JSON -> FleetView.json(command, rows, exitCode);
            });
    cli.out().flush();
  }

  static FleetView.Row row(FleetOutcome o) {
    return new FleetView.Row(
        o.member().spec().toString(),
        o.member().deployment().orElse(null),
        o.member().target().orElse(null),
        o.result().word(),
        o.exitCode(),
        o.changes(),
        o.took(),
        o.out(),
        o.err());
  }

  private static String ended(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }
}
