package dev.provision.driver.ssh;

import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.driver.swarm.SwarmHostDriver;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@link SshHostDriver} drives through its engine tunnel: the driver, how the target is
 * described, and where a published port is reached from the server ({@code server}: a URL whose
 * host and port the SSH forward goes to). A Docker engine ({@code target.ssh}) or a Swarm manager
 * ({@code target.swarm.ssh}).
 */
record TunnelledDriver(HostDriver driver, String description, Function<PortBinding, URI> server) {

  /** Opens the driver on the tunnel's engine ({@code tcp://127.0.0.1:port}). */
  @FunctionalInterface
  interface Opener {
    TunnelledDriver open(Target.Docker engine, Map<String, String> env, int sessions, String who);
  }

  /** The server's own engine; a port is reached at its binding's address on the server. */
  static Opener docker(SshSettings settings) {
    return (engine, env, sessions, who) ->
        new TunnelledDriver(
            DockerHostDriver.connect(engine, env, settings.dockerResponseTimeout(), sessions),
            who,
            binding -> binding.httpUrl(PortForwards.remoteHost(binding)));
  }

  /**
   * As {@link #docker}, for the one driver the deployments of a read-only run on this server share:
   * the engine is listed once for all of them, with the users of {@code runVolumes}.
   */
  static Opener dockerListingOnce(SshSettings settings, java.util.Set<String> runVolumes) {
    return (engine, env, sessions, who) ->
        new TunnelledDriver(
            DockerHostDriver.connectListingOnce(
                engine, env, settings.dockerResponseTimeout(), sessions, runVolumes),
            who,
            binding -> binding.httpUrl(PortForwards.remoteHost(binding)));
  }

  /**
   * The server is a Swarm manager; a port is reached at the data node's address as the manager sees
   * it (what {@link SwarmHostDriver#endpoint} gives).
   */
  static Opener swarm(Target.Swarm swarm, SshSettings settings) {
    return (engine, env, sessions, who) -> {
      SwarmHostDriver driver =
          SwarmHostDriver.connect(
              engine,
              env,
              settings.dockerResponseTimeout(),
              sessions,
              swarm.node(),
              who,
              point -> {});
      return new TunnelledDriver(driver, driver.describe(), driver::endpoint);
    };
  }
}
