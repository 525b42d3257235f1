package dev.provision.cli;

import dev.provision.driver.DriverFactory;
import dev.provision.driver.HostDriver;
import dev.provision.driver.docker.DockerHostDriver;
import dev.provision.driver.docker.SharedDockerConnections;
import dev.provision.driver.ssh.PassphrasePrompt;
import dev.provision.driver.ssh.SharedSshTunnels;
import dev.provision.driver.ssh.SshHostDriver;
import dev.provision.driver.ssh.SshSettings;
import dev.provision.driver.swarm.SwarmHostDriver;
import dev.provision.exec.TestHooks;
import dev.provision.model.Target;
import java.util.Map;

/**
 * The real host drivers, chosen by the spec's target (Docker engine, SSH host, Swarm manager
 * through its engine API or over SSH); SSH key passphrases asked by {@code prompt}.
 */
final class Drivers implements DriverFactory {
  private final Map<String, String> env;
  private final PassphrasePrompt prompt;

  Drivers(Map<String, String> env, PassphrasePrompt prompt) {
    this.env = env;
    this.prompt = prompt;
  }

  @Override
  public HostDriver open(Target target) {
    if (target instanceof Target.Docker docker) {
      return DockerHostDriver.connect(docker, env);
    }
    if (target instanceof Target.Swarm swarm && swarm.ssh() != null) {
      return SshHostDriver.connectSwarm(swarm, env, SshSettings.DEFAULT, prompt);
    }
    if (target instanceof Target.Swarm swarm) {
      Target.Docker engine =
          new Target.Docker(swarm.host(), swarm.tlsCertPath(), swarm.tlsVerify());
      return SwarmHostDriver.connect(
          engine, env, null, 20, swarm.node(), null, TestHooks.from(env)::checkpoint);
    }
    return SshHostDriver.connect((Target.Ssh) target, env, SshSettings.DEFAULT, prompt);
  }

  /**
   * Drivers that share, between the deployments of one run, one connection per Docker engine and
   * one login, tunnel and engine connection per SSH server.
   */
  @Override
  public Sharing sharing(int parallel) {
    // only read-only runs (plan, status, doctor) share: each engine is listed once for them all,
    // with the users of the volumes their specs name
    java.util.Set<String> runVolumes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    SharedDockerConnections engines = new SharedDockerConnections(env, runVolumes);
    SharedSshTunnels servers =
        new SharedSshTunnels(env, SshSettings.DEFAULT, prompt, parallel, runVolumes);
    return new Sharing() {
      @Override
      public void prepare(Target target) {
        if (target instanceof Target.Ssh ssh) {
          servers.prepare(ssh);
        }
      }

      @Override
      public void expectVolumes(java.util.Collection<String> names) {
        runVolumes.addAll(names);
      }

      @Override
      public HostDriver open(Target target) {
        if (target instanceof Target.Docker docker) {
          return engines.driver(docker);
        }
        if (target instanceof Target.Ssh ssh) {
          return servers.driver(ssh);
        }
        return Drivers.this.open(target);
      }

      @Override
      public void close() {
        try {
          servers.close();
        } finally {
          engines.close();
        }
      }
    };
  }
}
