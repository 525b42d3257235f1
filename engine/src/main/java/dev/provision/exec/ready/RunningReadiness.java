package dev.provision.exec.ready;

import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import java.util.Optional;

/** Ready as soon as the container runs. For containers with nothing better to ask. */
final class RunningReadiness implements ReadinessStrategy {
  private final HostDriver host;
  private final String container;

  RunningReadiness(HostDriver host, String container) {
    this.host = host;
    this.container = container;
  }

  @Override
  public CheckAnswer check() {
    Optional<ContainerState> state = host.inspectContainer(container);
    if (state.isPresent() && state.get().running()) {
      return CheckAnswer.ready("running");
    }
    return CheckAnswer.notYet(state.isPresent() ? "not running" : "no such container");
  }

  @Override
  public String describe() {
    return "container " + container + " is running";
  }
}
