package dev.provision.cli;

import dev.provision.engine.DoctorCheck;
import java.util.List;
import java.util.Locale;

/**
 * Renders the doctor's checks as text: {@code ok|FAIL|skip <check>: <detail>}, further detail lines
 * and the hint indented below, then a verdict line. Pure, so its output is tested exactly.
 */
final class DoctorView {
  private static final String INDENT = "      ";

  private DoctorView() {}

  static String render(List<DoctorCheck> checks) {
    StringBuilder out = new StringBuilder();
    for (DoctorCheck c : checks) {
      String[] lines = c.detail().split("\n", -1);
      out.append(
          String.format(Locale.ROOT, "%-4s  %s: %s\n", word(c.status()), c.name(), lines[0]));
      for (int i = 1; i < lines.length; i++) {
        out.append(INDENT).append(lines[i]).append('\n');
      }
      if (c.hint() != null && !c.hint().isBlank()) {
        for (String hint : c.hint().split("\n")) {
          out.append(INDENT).append("hint: ").append(hint).append('\n');
        }
      }
    }
    out.append(verdict(checks)).append('\n');
    return out.toString();
  }

  static String verdict(List<DoctorCheck> checks) {
    long failed = count(checks, DoctorCheck.Status.FAIL);
    long ok = count(checks, DoctorCheck.Status.OK);
    long skipped = count(checks, DoctorCheck.Status.SKIP);
    String tally = ok + " ok, " + failed + " failed, " + skipped + " skipped";
    if (failed == 0) {
      return "verdict: healthy (" + tally + ")";
    }
    String first =
        checks.stream()
            .filter(c -> c.status() == DoctorCheck.Status.FAIL)
            .findFirst()
            .map(DoctorCheck::name)
            .orElse("");
    return "verdict: "
        + failed
        + (failed == 1 ? " problem" : " problems")
        + " ("
        + tally
        + "); fix the first one first: "
        + first;
  }

  private static long count(List<DoctorCheck> checks, DoctorCheck.Status status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  private static String word(DoctorCheck.Status status) {
    switch (status) {
      case OK:
        return "ok";
      case FAIL:
        return "FAIL";
      default:
        return "skip";
    }
  }
}
