package dev.provision.engine;

import dev.provision.model.DesiredState;
import java.nio.file.Path;

/**
 * Reads one of the deployment's container logs for {@link Engine#logs}: the container must be in
 * the spec and exist on the target; every line goes out with the deployment's secrets masked.
 */
final class LogReader {
  private LogReader() {}

  static void read(
      LiveSession session,
      Path specFile,
      LogService service,
      dev.provision.driver.LogRequest request,
      java.util.function.Consumer<String> out,
      java.util.function.BooleanSupplier stopped) {
    DesiredState desired = session.desired();
    if (!(desired.resources().get(service.address())
        instanceof dev.provision.model.ContainerResource container)) {
      throw dev.provision.diag.ProvisionException.of(
          "the spec of deployment "
              + desired.deployment()
              + " has no "
              + service.word()
              + " container",
          service == LogService.POSTGRES
              ? "its database is not managed by provision: read the logs where it runs"
              : "enable it in the spec and run provision apply");
    }
    if (session.host().inspectContainer(container.name()).isEmpty()) {
      throw dev.provision.diag.ProvisionException.of(
          "container "
              + container.name()
              + " ("
              + service.word()
              + ") does not exist on "
              + session.target(),
          "run provision apply " + specFile + " to create it");
    }
    MaskedLines lines = new MaskedLines(LogMasks.of(desired, session.secretsFile()), out);
    session.host().logs(container.name(), request, lines::accept, stopped);
    lines.finish();
  }
}
