package dev.provision.engine;

import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedBackup;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.StepAction;
import dev.provision.plan.Undo;
import dev.provision.policy.ConvexConsequences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts apply's backup decision into a plan: when the plan has a step a backup makes undoable
 * ({@link GuardedReplace}: a backend upgrade, a storage switch from SQLite, a Postgres major
 * upgrade), the plan records where the backup goes (or that {@code --no-backup} skips it), the
 * step's undo becomes "restore the backup", and the change's consequences say what provision does
 * instead of advising the user to back up first (kept with {@code --no-backup}).
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
      boolean guardedChange = false;
      for (PlannedStep p : change.steps()) {
        Optional<GuardedReplace> kind = guarded(p);
        guardedChange |= kind.isPresent();
        steps.add(kind.map(k -> decided(p, k, decided)).orElse(p));
      }
      changes.add(
          guardedChange && decided instanceof PlannedBackup.Into into
              ? backedUp(change, into.dir()).withSteps(steps)
              : change.withSteps(steps));
    }
    return plan.withBackup(changes, decided);
  }

  /** {@code change} with its consequences as they read once apply backs up into {@code dir}. */
  private static Change backedUp(Change change, String dir) {
    return new Change(
        change.address(),
        change.action(),
        change.attributes(),
        change.reason(),
        change.risk(),
        change.consequences().stream().map(c -> ConvexConsequences.backedUp(c, dir)).toList(),
        change.steps(),
        change.before(),
        change.after());
  }

  /**
   * {@code plan} with the backup decision for {@code spec}: its backup folder, shown relative to
   * the spec's folder when inside it.
   */
  static Plan decide(Plan plan, dev.provision.model.Spec spec, boolean noBackup) {
    return decide(plan, shown(dir(spec), specDir(spec)), noBackup);
  }

  /** The folder holding {@code spec}'s file (the working folder when it has no parent). */
  static Path specDir(dev.provision.model.Spec spec) {
    Path parent = spec.source().toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
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

  private static Optional<GuardedReplace> guarded(PlannedStep p) {
    return p.action() instanceof StepAction.ReplaceContainer r
        ? GuardedReplace.of(r)
        : Optional.empty();
  }

  /**
   * The guarded step {@code p} with its undo once the backup is decided: restoring the backup, or
   * with {@code --no-backup} the planner's own undo (none for a forward-only upgrade, said why).
   */
  private static PlannedStep decided(PlannedStep p, GuardedReplace kind, PlannedBackup decided) {
    if (decided instanceof PlannedBackup.Into into) {
      return withUndo(p, Undo.inverse(restoring(kind, into.dir())));
    }
    if (kind != GuardedReplace.BACKEND_UPGRADE) {
      return p; // the old container on the old data, as without a backup
    }
    return withUndo(p, Undo.none(SKIPPED + original(p)));
  }

  private static String restoring(GuardedReplace kind, String dir) {
    if (kind == GuardedReplace.POSTGRES_MAJOR) {
      return "start the previous Postgres on its data directory and restore the dump apply takes"
          + " into "
          + dir
          + " while the backend is stopped, then start the backend";
    }
    return "restore the backup apply takes into "
        + dir
        + " while the old container is stopped, then start the previous container";
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
