package dev.provision.cli;

import dev.provision.driver.DriverFactory;
import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.driver.ssh.SshHostDriver;
import dev.provision.model.Target;
import java.util.Map;

/** The real host drivers, chosen by the spec's target. */
final class Drivers implements DriverFactory {
  private final Map<String, String> env;

  Drivers(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public HostDriver open(Target target) {
    if (target instanceof Target.Docker docker) {
      return DockerHostDriver.connect(docker, env);
    }
    return SshHostDriver.connect((Target.Ssh) target, env);
  }
}
