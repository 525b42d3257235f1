package dev.provision.cli;

import dev.provision.cli.view.SavedPlanReader;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import dev.provision.engine.LiveSession;
import dev.provision.engine.PlanSources;
import dev.provision.engine.SavedPlans;
import dev.provision.plan.PlanComparison;
import dev.provision.plan.PlanSource;
import dev.provision.plan.SavedPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code provision apply PLANFILE}: a plan file saved by {@code plan --out} is applied exactly or
 * not at all. Its spec (named relative to the plan file) must be unchanged; the target is observed
 * and planned again, and when anything moved since the plan was made (a change, a container, an
 * image id, the backend version, a secret) apply refuses and lists what moved.
 *
 * @param file the plan file
 * @param saved what it holds
 * @param spec the spec file it names, resolved from the plan file's folder
 */
record SavedPlanApply(Path file, SavedPlan saved, Path spec) {

  /**
   * True when {@code file} holds a plan, not a spec: a JSON object with a format_version.
   *
   * @throws ProvisionException when it is a pipe, a device or a socket ({@code apply /dev/stdin}):
   *     it is refused at once, before anything reads (and so consumes) it or waits for a writer
   */
  static boolean isPlanFile(Path file) {
    refuseIfNotRegular(file);
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4096);
    } catch (IOException e) {
      return false; // the spec reader reports an unreadable file
    }
    String text = new String(head, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark an editor added
    }
    text = text.stripLeading();
    return text.startsWith("{") && text.contains("\"format_version\"");
  }

  /**
   * Reads the plan file and checks, before the target is touched, that it can be applied: made
   * against a target, no extra {@code --set}, and its spec files unchanged.
   */
  static SavedPlanApply load(Path file, List<String> extraSets) {
    SavedPlan saved = SavedPlanReader.read(file);
    if (!saved.applicable()) {
      String against = saved.plan().against();
      throw ProvisionException.of(
          "the plan file "
              + file
              + " was made against "
              + against
              + " for review; it cannot be applied",
          "make one against the target with `provision plan SPEC --out FILE`, then apply that file");
    }
    if (!extraSets.isEmpty()) {
      throw ProvisionException.of(
          "--set cannot be given with a plan file: the plan fixes its spec and --set arguments",
          "make a new plan with the values you want (`provision plan SPEC --set ... --out FILE`)");
    }
    Path dir = folder(file);
    PlanSource source = saved.source().orElseThrow();
    refuseIfMoved(file, PlanSources.changed(source, dir));
    return new SavedPlanApply(file, saved, PlanSources.spec(source, dir));
  }

  private static void refuseIfNotRegular(Path file) {
    if (!Files.exists(file) || Files.isRegularFile(file) || Files.isDirectory(file)) {
      return; // the readers report a missing file or a folder
    }
    throw new ProvisionException(
        Diagnostic.error(null, null, "`" + Quote.of(file.toString()) + "` is not a regular file")
            .withExpected(
                "a spec or a plan file (saved by `provision plan SPEC --out FILE`) as a regular"
                    + " file")
            .withFound("a pipe (FIFO), device or socket")
            .withHint(
                "a plan or spec must be a regular file: save it first (`provision plan SPEC --out"
                    + " plan.json`, or redirect the pipe to a file), then apply that file"));
  }

  List<String> sets() {
    return saved.source().orElseThrow().sets();
  }

  /** Refuses, listing what moved, when the session's fresh plan is not the saved one. */
  void check(LiveSession session) {
    SavedPlan fresh = SavedPlans.of(session, saved.source().orElseThrow());
    refuseIfMoved(file, PlanComparison.moved(saved, fresh));
  }

  private static void refuseIfMoved(Path file, List<String> moved) {
    if (moved.isEmpty()) {
      return;
    }
    throw new ProvisionException(
        Diagnostic.error(
                null,
                null,
                "refusing to apply "
                    + file
                    + ": moved since the plan was made:\n    "
                    + String.join("\n    ", moved))
            .withHint(
                "nothing was changed; review a new plan (`provision plan SPEC --out FILE`) and apply"
                    + " that"));
  }

  private static Path folder(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }

  /** True when the plan was saved with {@code plan --no-backup}. */
  boolean skipsBackup() {
    return saved.plan().backup().filter(b -> b.skipped()).isPresent();
  }
}
