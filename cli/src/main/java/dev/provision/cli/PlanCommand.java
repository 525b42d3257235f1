package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.Against;
import dev.provision.plan.Plan;
import dev.provision.plan.SavedPlan;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision plan SPEC}: shows what apply would change. Against {@code empty} or an older
 * spec it touches no target and needs no secret values (how a pull request is reviewed without
 * production credentials): an unset reference in a sensitive field shows as {@code (sensitive, from
 * env NAME)} unless {@code --require-references} is given.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what apply would change, with reasons, risk grades and undo steps.",
      "Several specs: one block per deployment in the order given, then a summary; the exit code"
          + " is the worst (1 over 2 over 0)."
    })
final class PlanCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Mixin FleetOptions fleet;

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description =
          "The spec file; several (e.g. specs/*.yaml) plan one deployment each, --parallel at once.")
  List<Path> specs;

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
              + " (which applies exactly this plan, or refuses when anything moved). Never the"
              + " spec, a base file, the secrets file or the env file.")
  Path out;

  @Option(
      names = "--require-references",
      description =
          "Against empty or a spec file: fail on any unset $${env:} or missing $${file:}, as live"
              + " commands do (by default a sensitive value's reference may stay unset offline).")
  boolean requireReferences;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when the plan has changes (0 when none).")
  boolean detailedExitCode;

  @Option(
      names = "--no-backup",
      description =
          "Plan an apply that takes no backup before a forward-only upgrade (the plan says so in"
              + " its banner; a saved plan keeps the choice for `apply PLANFILE`).")
  boolean noBackup;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    Against to = Against.parse(against);
    if (specs.size() > 1) {
      refuseForSeveral(to);
      return Fleet.runAll(
          cli,
          specs,
          options.sets,
          fleet,
          new FleetBlocks(cli, FleetBlocks.style(format), "plan"),
          to instanceof Against.Live ? ReferenceMode.RESOLVE : mode(),
          to instanceof Against.Live,
          (own, member) -> planOne(own, member.spec(), to));
    }
    Path spec = specs.get(0);
    if (out == null) {
      return planOne(cli, spec, to).exitCode();
    }
    // Before anything is planned or written: a plan file over the spec would destroy it.
    SpecFiles.refuseOutput(cli.engine().read(spec, options.sets, mode()), out, "--out");
    if (to instanceof Against.OtherSpec old) {
      // nor over the older spec (or what it reads) that a pull request plans against
      SpecFiles.refuseAgainstOutput(
          cli.engine().read(old.file(), options.sets, mode()), out, "--out");
    }
    SavedPlan saved = Plans.save(cli, spec, options.sets, to, mode(), out, noBackup);
    Plan plan = saved.plan();
    Views.print(plan, format, cli);
    Views.writeSaved(saved, out, cli);
    return exitCode(plan);
  }

  /** 1 for a plan apply would refuse ({@link Plan#blocker()}), else 0, or 2 for changes. */
  private int exitCode(Plan plan) {
    if (plan.blocker().isPresent()) {
      return ExitCodes.ERROR;
    }
    return detailedExitCode && !plan.isEmpty() ? ExitCodes.CHANGES : ExitCodes.OK;
  }

  private Fleet.Done planOne(Cli cli, Path spec, Against to) {
    Plan plan = Plans.make(cli, spec, options.sets, to, mode(), noBackup);
    Views.print(plan, format, cli);
    return Fleet.Done.of(exitCode(plan), plan.changes().size());
  }

  /** One plan file, or one older spec, cannot stand for several specs. */
  private void refuseForSeveral(Against to) {
    if (out != null) {
      throw ProvisionException.of(
          "--out saves one plan, but " + specs.size() + " specs were given",
          "plan each spec with its own --out, one at a time");
    }
    if (to instanceof Against.OtherSpec) {
      throw ProvisionException.of(
          "--against OLD_SPEC compares one spec, but " + specs.size() + " specs were given",
          "plan each spec against its older version one at a time, or use --against empty");
    }
  }

  private ReferenceMode mode() {
    return requireReferences ? ReferenceMode.RESOLVE : ReferenceMode.OFFLINE;
  }
}
