package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.convex.PushedModules;
import dev.provision.functions.FunctionsHash;
import dev.provision.functions.FunctionsState;
import dev.provision.functions.FunctionsTools;
import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import dev.provision.observe.ConvexAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code status} and {@code doctor} say about the app's functions: the hash of the app here,
 * what the deployment remembers of its last push (hash and time), and how many modules the backend
 * runs, read back from it.
 *
 * @param localHash the app's {@link FunctionsHash} now
 * @param deployed the last successful push, empty when none was made by provision
 * @param modules the modules the backend runs; empty with {@code problem} when it could not be read
 * @param problem why the backend could not be read, empty when it could
 * @param missingTools which of {@code node}, {@code npm}, {@code npx} are not on PATH here (plan,
 *     apply and deploy-functions need them; status does not)
 */
public record FunctionsStatus(
    String localHash,
    Optional<FunctionsState> deployed,
    OptionalInt modules,
    Optional<String> problem,
    List<String> missingTools) {

  public FunctionsStatus {
    missingTools = List.copyOf(missingTools);
  }

  /** True when the backend runs exactly the app's functions as they are here. */
  public boolean current() {
    return deployed.map(d -> d.hash().equals(localHash)).orElse(false);
  }

  /**
   * Reads it for a session whose spec has {@code functions:}; {@code environment} is where {@code
   * node} and {@code npx} are looked for.
   */
  static FunctionsStatus of(LiveSession session, Map<String, String> environment) {
    List<String> missing = FunctionsTools.missing(environment);
    String local = FunctionsHash.of(session.spec().functions().orElseThrow().dir());
    Value secret = session.instanceSecret();
    try {
      ContainerResource backend =
          (ContainerResource) session.desired().resources().get(Names.BACKEND);
      Optional<FunctionsState> deployed =
          FunctionsState.from(
              ConvexAccess.open(session.host(), session.desired(), secret)
                  .listEnvironmentVariables());
      int modules =
          PushedModules.count(
              ConvexAccess.endpoint(session.host(), backend),
              dev.provision.convex.Keys.adminKey(session.spec().deployment(), secret),
              Duration.ofSeconds(10).plus(session.host().roundTrip().multipliedBy(4)));
      return new FunctionsStatus(
          local, deployed, OptionalInt.of(modules), Optional.empty(), missing);
    } catch (ProvisionException e) {
      String why = e.diagnostics().isEmpty() ? "unknown" : e.diagnostics().get(0).message();
      return new FunctionsStatus(
          local, Optional.empty(), OptionalInt.empty(), Optional.of(why), missing);
    }
  }
}
