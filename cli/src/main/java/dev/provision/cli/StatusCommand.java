package dev.provision.cli;

import dev.provision.cli.view.StatusJsonView;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code provision status SPEC}: what runs, its health, drift, and whether changes are pending. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show what is running, its health, drift from the spec and pending changes.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Mixin FleetOptions fleet;

  @Parameters(
      arity = "1..*",
      paramLabel = "SPEC",
      description = "The spec file; several show one block per deployment and a summary.")
  List<Path> specs;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when there is drift or pending changes.")
  boolean detailedExitCode;

  @Option(
      names = "--json",
      description =
          "Print the status as JSON (containers with state, exit code and health, secrets' sources,"
              + " drift, lock, pending changes).")
  boolean json;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (specs.size() > 1) {
      FleetBlocks.Style style = json ? FleetBlocks.Style.JSON : FleetBlocks.Style.TEXT;
      return Fleet.runAll(
          cli,
          specs,
          options.sets,
          fleet,
          new FleetBlocks(cli, style, "status"),
          (own, member) -> statusOne(own, member.spec()));
    }
    return statusOne(cli, specs.get(0)).exitCode();
  }

  private Fleet.Done statusOne(Cli cli, Path spec) {
    PrintWriter out = cli.out();
    try (LiveSession session = cli.engine().open(spec, options.sets, Engine.Mode.STATUS)) {
      Plan plan = session.plan();
      boolean changes = !plan.isEmpty() || !plan.drift().isEmpty();
      int code = detailedExitCode && changes ? ExitCodes.CHANGES : ExitCodes.OK;
      if (json) {
        out.print(
            StatusJsonView.render(
                session.spec().deployment(),
                session.target(),
                session.observed().resources().values(),
                session.secretSources(),
                plan,
                session.lockNote()));
        out.flush();
        return Fleet.Done.of(code, plan.changes().size());
      }
      out.println("Deployment " + session.spec().deployment() + " on " + session.target());
      for (ObservedResource r : session.observed().resources().values()) {
        Address.Kind kind = r.resource().address().kind();
        if (kind == Address.Kind.ENV || kind == Address.Kind.SECRET) {
          continue;
        }
        out.println("  " + pad(r.resource().address().toString()) + describe(r));
      }
      if (session.observed().resources().isEmpty()) {
        out.println("  (nothing deployed)");
      }
      StringBuilder secrets = new StringBuilder();
      session
          .secretSources()
          .forEach(
              (name, source) ->
                  secrets
                      .append(secrets.length() == 0 ? "" : ", ")
                      .append(name)
                      .append(" from ")
                      .append(source));
      out.println("Secrets: " + (secrets.length() == 0 ? "none" : secrets));
      if (plan.drift().isEmpty()) {
        out.println("Drift: none");
      } else {
        out.println("Drift:");
        for (Drift d : plan.drift()) {
          out.println("  " + d.address() + ": " + d.note());
        }
      }
      cli.engine().functionsStatus(session).ifPresent(f -> FunctionsOutput.status(out, f));
      session.lockNote().ifPresent(n -> out.println("Lock: " + n.message()));
      plan.recovery()
          .ifPresent(
              r -> {
                out.println(r.headline());
                r.actions().forEach(a -> out.println("  " + a.describe()));
              });
      plan.blocker().ifPresent(d -> out.println("Blocked: " + d.message() + "; " + d.hint()));
      boolean pending = !plan.isEmpty();
      out.println(
          pending
              ? "Pending: "
                  + plan.changes().size()
                  + " changes (highest risk "
                  + plan.highestRisk().word()
                  + "); run `provision plan "
                  + spec
                  + "` to see them"
              : "Pending: none; the deployment matches the spec");
      out.flush();
      return Fleet.Done.of(code, plan.changes().size());
    }
  }

  private static String describe(ObservedResource r) {
    RuntimeStatus s = r.status();
    if (!(r.resource() instanceof ContainerResource c)) {
      return "present";
    }
    String state =
        s == null
            ? "unknown"
            : s.running()
                ? "running"
                : "stopped" + (s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")");
    String health = s != null && s.health() != null ? ", health " + s.health() : "";
    String node = s == null ? "" : s.node().map(n -> ", on node " + n).orElse("");
    return state + health + ", " + c.image() + node;
  }

  private static String pad(String text) {
    return String.format("%-24s", text);
  }
}
