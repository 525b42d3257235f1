package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.model.Spec;
import java.util.Optional;

/**
 * {@code provision doctor}'s line for the proxy ({@code proxy:}): its container runs, and where to
 * look when it does not. Whether it serves its names with a valid certificate is checked after
 * apply from inside the backend ({@link ProxyCheck}).
 */
final class ProxyDoctor {
  static final String CONTAINER = "proxy container";

  private ProxyDoctor() {}

  static DoctorCheck container(Spec spec, HostDriver host) {
    String name = Names.container(spec.deployment(), "proxy");
    Optional<ContainerState> state;
    try {
      state = host.inspectContainer(name);
    } catch (ProvisionException e) {
      return DoctorCheck.fail(CONTAINER, Doctor.message(e), Doctor.hint(e));
    }
    if (state.isEmpty()) {
      return DoctorCheck.fail(
          CONTAINER,
          "no container " + name + " on " + host.describe(),
          "run `provision apply " + spec.source() + "` to create it");
    }
    if (!state.get().running()) {
      return DoctorCheck.fail(
          CONTAINER,
          name + " is not running (exit code " + state.get().exitCode() + ")",
          "read its log (`provision logs "
              + spec.source()
              + " proxy`): a Caddyfile or port"
              + " problem stops it at start; `provision apply` starts it again");
    }
    return DoctorCheck.ok(
        CONTAINER,
        name
            + " runs "
            + state.get().image()
            + " for "
            + spec.proxy().cloudOrigin()
            + " (certificates: `provision logs "
            + spec.source()
            + " proxy`)");
  }
}
