package dev.provision.model;

/** Where the deployment runs: a Docker engine (local or remote) or a host reached over SSH. */
public sealed interface Target permits Target.Docker, Target.Ssh {

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

  /** A host reached over SSH that runs Docker itself. */
  record Ssh(
      String host,
      int port,
      String user,
      String identityFile,
      KnownHosts knownHosts,
      String knownHostsFile)
      implements Target {}

  /** How an unknown SSH host key is treated. */
  enum KnownHosts {
    /** Only hosts already in known_hosts (the default). */
    STRICT,
    /** Trust and record a host seen for the first time; refuse a changed key. */
    ACCEPT_NEW
  }
}
