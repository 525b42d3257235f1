package dev.provision.cli;

import dev.provision.engine.Against;
import dev.provision.plan.Plan;
import dev.provision.plan.SavedPlan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision plan SPEC}: shows what apply would change. Against {@code empty} or an older
 * spec it touches no target (how a pull request is reviewed without production credentials).
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Show what apply would change, with reasons, risk grades and undo steps.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(
      names = "--against",
      paramLabel = "empty|live|FILE",
      defaultValue = "live",
      description =
          "Compare with: live (the target, default), empty (nothing), or an older spec file.")
  String against;

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown.")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "PLANFILE",
      description =
          "Also save the plan (JSON, format 2) to this file, for `show` and for `apply PLANFILE`"
              + " (which applies exactly this plan, or refuses when anything moved).")
  Path out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when the plan has changes (0 when none).")
  boolean detailedExitCode;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    Against to = Against.parse(against);
    if (out == null) {
      Plan plan = Plans.make(cli, spec, options.sets, to);
      Views.print(plan, format, cli);
      return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
    SavedPlan saved = Plans.save(cli, spec, options.sets, to, out);
    Plan plan = saved.plan();
    Views.print(plan, format, cli);
    Views.writeSaved(saved, out, cli);
    return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
  }
}
