package dev.provision.cli;

import dev.provision.engine.Against;
import dev.provision.plan.Plan;
import java.nio.file.Path;
import java.util.List;

/** Makes a plan for the plan and apply commands. */
final class Plans {
  private Plans() {}

  static Plan make(Cli cli, Path spec, List<String> sets, Against against) {
    if (against instanceof Against.Live) {
      return cli.engine().planLive(spec, sets);
    }
    return cli.engine().planOffline(spec, sets, against);
  }
}
