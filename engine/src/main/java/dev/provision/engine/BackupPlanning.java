package dev.provision.engine;

import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedBackup;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.StepAction;
import dev.provision.plan.Undo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts apply's backup decision into a plan: when the plan has a forward-only step a backup makes
 * undoable ({@link StepBinder#guards}), the plan records where the backup goes (or that {@code
 * --no-backup} skips it) and the step's undo becomes "restore the backup" instead of none.
 */
final class BackupPlanning {
  private static final String SKIPPED = "--no-backup: no backup is taken; ";

  private BackupPlanning() {}

  /**
   * {@code plan} with the backup decision; unchanged when it has no guarded step.
   *
   * @param dir the backup folder, as the plan shows it (relative to the spec's folder when inside)
   */
  static Plan decide(Plan plan, String dir, boolean noBackup) {
    if (!StepBinder.needsBackup(plan)) {
      return plan;
    }
    PlannedBackup decided = noBackup ? new PlannedBackup.Skipped() : new PlannedBackup.Into(dir);
    List<Change> changes = new ArrayList<>();
    for (Change change : plan.changes()) {
      List<PlannedStep> steps = new ArrayList<>();
      for (PlannedStep p : change.steps()) {
        steps.add(guarded(p) ? withUndo(p, undo(p, decided)) : p);
      }
      changes.add(change.withSteps(steps));
    }
    return plan.withBackup(changes, decided);
  }

  /**
   * {@code plan} with the backup decision for {@code spec}: its backup folder, shown relative to
   * the spec's folder when inside it.
   */
  static Plan decide(Plan plan, dev.provision.model.Spec spec, boolean noBackup) {
    return decide(plan, shown(dir(spec), specDir(spec)), noBackup);
  }

  /** The folder apply's automatic backups of {@code spec} go to. */
  static Path dir(dev.provision.model.Spec spec) {
    return spec.backupDir();
  }

  /** The folder as a plan shows it: relative to {@code specDir} when inside it. */
  static String shown(Path dir, Path specDir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path base = specDir.toAbsolutePath().normalize();
    return abs.startsWith(base) && !abs.equals(base)
        ? base.relativize(abs).toString()
        : abs.toString();
  }

  /** The folder holding {@code spec}'s file (the working folder when it has no parent). */
  static Path specDir(dev.provision.model.Spec spec) {
    Path parent = spec.source().toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  private static boolean guarded(PlannedStep p) {
    return p.action() instanceof StepAction.ReplaceContainer r && StepBinder.guards(r);
  }

  private static Undo undo(PlannedStep p, PlannedBackup decided) {
    if (decided instanceof PlannedBackup.Into into) {
      return Undo.inverse(
          "restore the backup apply takes into "
              + into.dir()
              + " while the old container is stopped, then start the previous container");
    }
    return Undo.none(SKIPPED + original(p));
  }

  /** The planner's note on why the step has no undo (kept when the plan is decided again). */
  private static String original(PlannedStep p) {
    return p.reversal() instanceof Undo.None none && none.whyAndWhatInstead() != null
        ? none.whyAndWhatInstead()
        : "the old image cannot be started on the data again";
  }

  private static PlannedStep withUndo(PlannedStep p, Undo undo) {
    return new PlannedStep(p.id(), p.action(), p.address(), p.dependsOn(), p.description(), undo);
  }
}
