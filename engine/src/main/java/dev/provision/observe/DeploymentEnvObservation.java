package dev.provision.observe;

import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.convex.ConvexApiException;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.Value;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Reads the deployment env vars through the admin API when the backend runs and its secret is
 * known. When it cannot, the plan goes on without them (every managed variable is then set again,
 * which is harmless) and says why in a warning.
 */
public final class DeploymentEnvObservation {
  private DeploymentEnvObservation() {}

  public static Optional<SortedMap<String, String>> read(
      HostDriver host,
      ObservedState live,
      DesiredState desired,
      Optional<Value> secret,
      List<Diagnostic> warnings) {
    ObservedResource backend = live.resources().get(Names.BACKEND);
    if (backend == null
        || backend.status() == null
        || !backend.status().running()
        || secret.isEmpty()) {
      return Optional.empty();
    }
    try {
      ContainerResource running = (ContainerResource) backend.resource();
      return Optional.of(
          ConvexAccess.open(host, running, desired.deployment(), secret.get())
              .listEnvironmentVariables());
    } catch (ProvisionException e) {
      // a read cut by a lost link is an error: the plan must not say the vars "do not exist yet"
      host.lostConnection()
          .ifPresent(
              lost -> {
                throw lost;
              });
      warnings.add(warning(e));
      return Optional.empty();
    }
  }

  /** A backend too old for the env var API says to upgrade; any other failure says to look. */
  private static Diagnostic warning(ProvisionException e) {
    if (e instanceof ConvexApiException api && api.imageTooOld()) {
      return Diagnostic.warning(null, "env", api.diagnostics().get(0).message())
          .withHint(api.diagnostics().get(0).hint());
    }
    String why = e.diagnostics().isEmpty() ? "" : ": " + e.diagnostics().get(0).message();
    return Diagnostic.warning(null, "env", "could not read the deployment env vars" + why)
        .withHint(
            "the plan sets every managed env var again; check the backend with `provision doctor`");
  }
}
