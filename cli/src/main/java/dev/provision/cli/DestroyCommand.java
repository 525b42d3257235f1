package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import dev.provision.engine.ApplyOptions;
import dev.provision.engine.Engine;
import dev.provision.engine.LiveSession;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provision destroy SPEC}: removes the deployment's containers and network. Volumes, the
 * database and the secrets file are kept (an apply brings the same deployment back, with the same
 * secret) unless --delete-data is given, which asks again. A volume provision adopted (made outside
 * it) is deleted only when named: typed at a terminal, or --delete-adopted-volumes without one
 * ({@link AdoptedVolumes}).
 */
@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    description =
        "Remove containers and the network; keep volumes and databases unless --delete-data.")
final class DestroyCommand extends LockedSpecCommand {
  @Option(names = "--yes", description = "Do not ask for confirmation (CI).")
  boolean yes;

  @Option(
      names = "--delete-data",
      description =
          "Also delete volumes and the database: the data is gone for good. Asks again (type the deployment name).")
  boolean deleteData;

  @Option(
      names = "--delete-adopted-volumes",
      description =
          "With --delete-data and no terminal: also delete the volumes provision adopted (made "
              + "outside it). On a terminal each one is asked for by name instead.")
  boolean deleteAdopted;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (deleteAdopted && !deleteData) {
      throw ProvisionException.of(
          "--delete-adopted-volumes needs --delete-data: without it no data is deleted",
          "add --delete-data, or leave out --delete-adopted-volumes");
    }
    Engine.Mode mode = deleteData ? Engine.Mode.DESTROY_DATA : Engine.Mode.DESTROY;
    try (LiveSession opened = cli.engine().open(spec, options.sets, mode, lockRequest())) {
      List<String> adopted = opened.adoptedVolumes();
      Set<String> unattended = AdoptedVolumes.unattended(cli.terminal(), deleteAdopted, adopted);
      LiveSession session =
          unattended.isEmpty() ? opened : opened.deletingAdoptedVolumes(unattended);
      boolean askAdopted = cli.terminal() && !adopted.isEmpty();
      if (Execution.showPlan(cli, session) && !askAdopted) {
        return ExitCodes.OK;
      }
      Runnable running = Execution.releaseOnExit(opened);
      String name = session.spec().deployment();
      confirm(yes, "\nDestroy " + name + "?", "destroy");
      if (deleteData && cli.terminal()) {
        Confirm.ask(
            cli,
            "This deletes the data of " + name + " for good. Type the deployment name.",
            name,
            "delete data");
      }
      if (askAdopted) {
        Set<String> confirmed = AdoptedVolumes.ask(cli.out(), adopted, Confirm::readLine);
        if (!confirmed.isEmpty()) {
          session = opened.deletingAdoptedVolumes(confirmed);
        } else if (session.plan().isEmpty()) {
          return ExitCodes.OK;
        }
      }
      running.run();
      Execution.Ran ran =
          Execution.run(cli, session, "destroy", new ApplyOptions(false, Journals.dir(spec), 2));
      return ran.exitCode(ran.result().execution().committed());
    }
  }
}
