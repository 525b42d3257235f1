package dev.provision.cli;

import dev.provision.plan.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code provision show PLANFILE}: renders a saved plan in any view. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a plan saved with `plan --out`, as text, JSON or Markdown.")
final class ShowCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(
      index = "0",
      paramLabel = "PLANFILE",
      description = "A plan file written by `plan --out`.")
  Path file;

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown.")
  Format format;

  @Override
  public Integer call() {
    Plan plan = Views.readJson(file);
    Views.print(plan, format, main.cli);
    return ExitCodes.OK;
  }
}
