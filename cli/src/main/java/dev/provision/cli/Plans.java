package dev.provision.cli;

import dev.provision.engine.Against;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import dev.provision.engine.PlanSources;
import dev.provision.engine.SavedPlans;
import dev.provision.plan.Plan;
import dev.provision.plan.PlanSource;
import dev.provision.plan.SavedPlan;
import dev.provision.spec.ReferenceMode;
import java.nio.file.Path;
import java.util.List;

/** Makes a plan for the plan and apply commands. */
final class Plans {
  private Plans() {}

  /**
   * @param mode how an offline plan treats unset references; a live plan always resolves them
   * @param noBackup the plan says apply takes no backup ({@code --no-backup})
   */
  static Plan make(
      Cli cli,
      Path spec,
      List<String> sets,
      Against against,
      ReferenceMode mode,
      boolean noBackup) {
    if (against instanceof Against.Live) {
      return cli.engine().planLive(spec, sets, noBackup);
    }
    return cli.engine().planOffline(spec, sets, against, mode, noBackup);
  }

  /**
   * Makes a plan to save into {@code out}: with its source (paths relative to the file's folder)
   * and, against the live target, what was observed there.
   */
  static SavedPlan save(
      Cli cli,
      Path spec,
      List<String> sets,
      Against against,
      ReferenceMode mode,
      Path out,
      boolean noBackup) {
    Path dir = out.toAbsolutePath().getParent();
    PlanSource source = PlanSources.of(spec, sets, dir == null ? Path.of(".") : dir);
    if (against instanceof Against.Live) {
      try (LiveSession session = cli.engine().open(spec, sets, Engine.Mode.PLAN)) {
        return SavedPlans.of(noBackup ? session.skipBackup() : session, source);
      }
    }
    Plan plan = cli.engine().planOffline(spec, sets, against, mode, noBackup);
    return SavedPlans.offline(plan, source, cli.engine().sensitive());
  }
}
