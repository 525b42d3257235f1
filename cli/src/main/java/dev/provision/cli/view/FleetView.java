package dev.provision.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The views of a several-spec run: the heading of each deployment's block, the summary table (text
 * or Markdown) and the one JSON document (format 1) that holds every deployment's own JSON. Pure:
 * it is given rows and returns text.
 */
public final class FleetView {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> RESULTS =
      List.of("ok", "changes", "failed", "interrupted", "skipped");

  private FleetView() {}

  /**
   * One deployment's result.
   *
   * @param deployment null when its spec did not read
   * @param target null when its spec did not read
   * @param result ok, changes, failed, interrupted or skipped
   * @param out what its command printed on standard output (its JSON, for a JSON document)
   * @param err what it printed on standard error (diagnostics)
   */
  public record Row(
      String spec,
      String deployment,
      String target,
      String result,
      int exitCode,
      OptionalInt changes,
      Duration took,
      String out,
      String err) {
    String name() {
      return deployment == null ? spec : deployment;
    }
  }

  /** {@code === NAME (SPEC) ===}: the first line of a text block. */
  public static String heading(Row row) {
    return "=== " + row.name() + " (" + row.spec() + ") ===";
  }

  /** {@code ## NAME (`SPEC`)}: the heading of a Markdown section. */
  public static String markdownHeading(Row row) {
    return "## " + row.name() + " (`" + row.spec() + "`)";
  }

  /** The summary: a count per result and the exit code, then one table line per deployment. */
  public static String summaryText(List<Row> rows, int exitCode) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"DEPLOYMENT", "TARGET", "RESULT", "CHANGES", "TIME"});
    rows.forEach(r -> cells.add(cells(r)));
    int[] width = new int[5];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Summary: ").append(counts(rows)).append("; exit code ").append(exitCode);
    out.append('\n');
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder("  ");
      for (int i = 0; i < line.length; i++) {
        text.append(
            i == line.length - 1 ? line[i] : String.format("%-" + width[i] + "s  ", line[i]));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The summary as a Markdown section with a table. */
  public static String summaryMarkdown(List<Row> rows, int exitCode) {
    StringBuilder out = new StringBuilder("## Summary\n\n");
    out.append(counts(rows)).append("; exit code ").append(exitCode).append(".\n\n");
    out.append("| Deployment | Target | Result | Changes | Time |\n|---|---|---|---|---|\n");
    for (Row r : rows) {
      out.append("| ").append(String.join(" | ", cells(r)).replace("\n", " ")).append(" |\n");
    }
    return out.toString();
  }

  /**
   * The JSON document: {@code format}, {@code command}, {@code exitCode}, then per deployment its
   * spec, deployment, target, result, exit code, changes, seconds, its own JSON ({@code output},
   * null when it printed none) and its diagnostics ({@code errors}, one string each).
   */
  public static String json(String command, List<Row> rows, int exitCode) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", 1);
    root.put("command", command);
    root.put("exitCode", exitCode);
    ArrayNode list = root.putArray("deployments");
    for (Row r : rows) {
      ObjectNode node = list.addObject();
      node.put("spec", r.spec());
      node.put("deployment", r.deployment());
      node.put("target", r.target());
      node.put("result", r.result());
      node.put("exitCode", r.exitCode());
      if (r.changes().isPresent()) {
        node.put("changes", r.changes().getAsInt());
      } else {
        node.putNull("changes");
      }
      node.put("seconds", r.took().toMillis() / 1000.0);
      node.set("output", parsed(r.out()));
      ArrayNode errors = node.putArray("errors");
      for (String block : r.err().split("\n(?=\\S)")) {
        if (!block.isBlank()) {
          errors.add(block.strip());
        }
      }
    }
    return JsonText.write(root);
  }

  private static JsonNode parsed(String out) {
    if (out.isBlank()) {
      return MAPPER.nullNode();
    }
    try {
      return MAPPER.readTree(out);
    } catch (java.io.IOException e) {
      return MAPPER.getNodeFactory().textNode(out);
    }
  }

  private static String[] cells(Row r) {
    return new String[] {
      r.name(),
      r.target() == null ? "-" : r.target(),
      r.result(),
      r.changes().isPresent() ? Integer.toString(r.changes().getAsInt()) : "-",
      r.result().equals("skipped")
          ? "-"
          : String.format(Locale.ROOT, "%.1fs", r.took().toMillis() / 1000.0)
    };
  }

  private static String counts(List<Row> rows) {
    List<String> parts = new ArrayList<>();
    for (String word : RESULTS) {
      long n = rows.stream().filter(r -> r.result().equals(word)).count();
      if (n > 0) {
        parts.add(n + " " + word);
      }
    }
    return rows.size()
        + (rows.size() == 1 ? " deployment: " : " deployments: ")
        + String.join(", ", parts);
  }
}
