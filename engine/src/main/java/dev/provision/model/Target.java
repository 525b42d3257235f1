package dev.provision.model;

/**
 * Where the deployment runs: a Docker engine (local or remote), a host reached over SSH, or a
 * Docker Swarm reached through a manager.
 */
public sealed interface Target permits Target.Docker, Target.Ssh, Target.Swarm {

  /**
   * A Docker engine reached through its API.
   *
   * @param host {@code unix:///...} or {@code tcp://host:port}; null means DOCKER_HOST, else the
   *     local socket
   * @param tlsCertPath a folder holding ca.pem, cert.pem, key.pem (as DOCKER_CERT_PATH); null for
   *     none
   */
  record Docker(String host, String tlsCertPath, boolean tlsVerify) implements Target {
    public static Docker local() {
      return new Docker(null, null, false);
    }
  }

  /**
   * A host reached over SSH that runs Docker itself. {@code host} may be a Host alias of the user's
   * OpenSSH config; a field left unset (port 0, user, identity file, known hosts mode or file null)
   * comes from that config, else from OpenSSH's default. The driver resolves it.
   *
   * @param passphraseEnv name of the environment variable holding the identity files' passphrase;
   *     null for none (ssh-agent, SSH_ASKPASS or a console prompt may still supply it)
   * @param configFile the OpenSSH client config to read; null for ~/.ssh/config, {@code none} to
   *     read none
   */
  record Ssh(
      String host,
      int port,
      String user,
      String identityFile,
      KnownHosts knownHosts,
      String knownHostsFile,
      String passphraseEnv,
      String configFile)
      implements Target {

    /** The config value that means: read no OpenSSH config file. */
    public static final String NO_CONFIG = "none";

    /** A fully explicit target that reads no OpenSSH config and no passphrase variable. */
    public Ssh(
        String host,
        int port,
        String user,
        String identityFile,
        KnownHosts knownHosts,
        String knownHostsFile) {
      this(host, port, user, identityFile, knownHosts, knownHostsFile, null, NO_CONFIG);
    }
  }

  /**
   * A Docker Swarm reached through a manager's engine API: the deployment runs as services, the
   * stateful ones (backend, managed Postgres) pinned to one node, their ports published in host
   * mode on that node.
   *
   * @param host the manager's {@code unix:///...} or {@code tcp://host:port}; null means
   *     DOCKER_HOST, else the local socket
   * @param tlsCertPath a folder holding ca.pem, cert.pem, key.pem; null for none
   * @param node the node (hostname or node id) that holds the data and runs the stateful services;
   *     null for the manager the host reaches
   * @param ssh the manager reached over SSH instead (its engine through {@code docker system
   *     dial-stdio}, published ports through SSH forwards); null for {@code host}. With it, {@code
   *     host} and {@code tlsCertPath} are null
   */
  record Swarm(String host, String tlsCertPath, boolean tlsVerify, String node, Ssh ssh)
      implements Target {

    /** A manager reached through its engine API ({@code host}), not over SSH. */
    public Swarm(String host, String tlsCertPath, boolean tlsVerify, String node) {
      this(host, tlsCertPath, tlsVerify, node, null);
    }

    /** A manager reached over SSH, its data on {@code node} (null: the manager). */
    public static Swarm overSsh(Ssh ssh, String node) {
      return new Swarm(null, null, false, node, ssh);
    }
  }

  /** How an unknown SSH host key is treated. */
  enum KnownHosts {
    /** Only hosts already in known_hosts (the default). */
    STRICT,
    /** Trust and record a host seen for the first time; refuse a changed key. */
    ACCEPT_NEW
  }
}
