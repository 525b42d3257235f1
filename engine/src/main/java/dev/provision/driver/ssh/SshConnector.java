package dev.provision.driver.ssh;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.CertificateFile;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Opens an authenticated sshj connection for a {@link Target.Ssh}: host key checked by {@link
 * KnownHostsPolicy}, public-key authentication with the identity file (or the default keys in
 * {@code ~/.ssh}; no agent). Every failure is a {@link ProvisionException} that names {@code user@
 * host:port} and says what to do. Not for running anything on the connection.
 */
final class SshConnector {
  static final int CONNECT_TIMEOUT_MS = 10_000;

  private SshConnector() {}

  /** {@code ~} or {@code ~/...} expanded against {@code home}; other paths unchanged. */
  /** Largest known hosts file read: 16 MiB (tens of thousands of hosts). */
  static final int KNOWN_HOSTS_MAX_BYTES = 16 * 1024 * 1024;

  static Path expand(String path, String home) {
    if (path.equals("~")) {
      return Path.of(home);
    }
    if (path.startsWith("~/")) {
      return Path.of(home, path.substring(2));
    }
    return Path.of(path);
  }

  /** The {@code ssh user@host:port} text used in messages. */
  static String describe(Target.Ssh target) {
    return "ssh " + target.user() + "@" + target.host() + ":" + target.port();
  }

  static SSHClient connect(Target.Ssh target, String home) {
    return connect(target, home, SshSettings.DEFAULT);
  }

  /**
   * As {@link #connect(Target.Ssh, String)} with the keepalive and channel timeouts of {@code
   * settings}. The keepalive is configured before connecting: sshj starts its keepalive thread only
   * while connecting, and only when an interval is set by then.
   */
  static SSHClient connect(Target.Ssh target, String home, SshSettings settings) {
    String who = describe(target);
    Path knownHosts = expand(target.knownHostsFile(), home);
    if (Files.exists(knownHosts)) {
      // sshj reads it itself: refuse a FIFO, a device or a huge file before it does
      BoundedFile.read(knownHosts, "known hosts file", KNOWN_HOSTS_MAX_BYTES);
    }
    KnownHostsPolicy policy;
    try {
      policy = KnownHostsPolicy.load(knownHosts.toFile(), target.knownHosts());
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot read the known hosts file " + knownHosts + " for " + who + ": " + e.getMessage(),
          "fix the file's permissions or set target.ssh.knownHostsFile");
    }
    DefaultConfig config = new DefaultConfig();
    // keepalive@openssh.com with a reply: keeps tunnels through idle-dropping NATs, and a link
    // that stops answering is declared dead (the transport dies, every channel fails at once)
    config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    SSHClient ssh = new SSHClient(config);
    ssh.setConnectTimeout(CONNECT_TIMEOUT_MS);
    // a read that waits longer than the keepalive would tolerate means the link is dead; this
    // also bounds the wait for the server's greeting and key exchange, before keepalives run
    ssh.setTimeout((int) settings.lostAfter().toMillis());
    ssh.getTransport().setTimeoutMs((int) settings.channelOpenTimeout().toMillis());
    ssh.addHostKeyVerifier(policy);
    KeepAlive keepAlive = ssh.getConnection().getKeepAlive();
    keepAlive.setKeepAliveInterval((int) settings.keepaliveInterval().toSeconds());
    if (keepAlive instanceof KeepAliveRunner runner) {
      runner.setMaxAliveCount(settings.keepaliveCount());
    }
    ssh.getConnection().setTimeoutMs((int) settings.channelOpenTimeout().toMillis());
    try {
      ssh.connect(target.host(), target.port());
    } catch (IOException e) {
      closeQuietly(ssh);
      throw connectFailure(target, who, knownHosts, policy, e);
    }
    try {
      authenticate(ssh, target, home, who);
      return ssh;
    } catch (RuntimeException e) {
      closeQuietly(ssh);
      throw e;
    }
  }

  private static void authenticate(SSHClient ssh, Target.Ssh target, String home, String who) {
    try {
      if (target.identityFile() != null && !target.identityFile().isBlank()) {
        Path key = expand(target.identityFile(), home);
        if (!Files.exists(key)) {
          throw ProvisionException.of(
              "the identity file " + key + " for " + who + " does not exist",
              "set target.ssh.identityFile to a private key file (e.g. ~/.ssh/id_ed25519)");
        }
        // sshj reads it itself: refuse a FIFO, a device or a huge file before it does
        CertificateFile.read(key, "identity file (target.ssh.identityFile)");
        ssh.authPublickey(target.user(), ssh.loadKeys(key.toString()));
      } else {
        ssh.authPublickey(target.user());
      }
    } catch (UserAuthException e) {
      throw ProvisionException.of(
          who + " refused public-key authentication for user " + target.user(),
          "check target.ssh.user and target.ssh.identityFile, and that the key's public half is in"
              + " ~"
              + target.user()
              + "/.ssh/authorized_keys on the server (passphrase-protected"
              + " keys are not supported)");
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot authenticate to " + who + ": " + e.getMessage(),
          "check target.ssh.identityFile: it must be an unencrypted OpenSSH or PEM private key");
    }
  }

  private static ProvisionException connectFailure(
      Target.Ssh target, String who, Path knownHosts, KnownHostsPolicy policy, IOException e) {
    KnownHostsPolicy.Refusal refusal = policy.refusal();
    if (refusal != null && e instanceof TransportException) {
      return HostKeyMessages.refusal(target, who, knownHosts, refusal);
    }
    String reason;
    if (e instanceof UnknownHostException) {
      reason = "unknown host name " + target.host();
    } else if (e instanceof ConnectException) {
      reason = "connection refused";
    } else if (e instanceof SocketTimeoutException) {
      reason = "no answer within " + CONNECT_TIMEOUT_MS / 1000 + " s";
    } else if (e instanceof NoRouteToHostException) {
      reason = "no route to host";
    } else {
      reason = String.valueOf(e.getMessage());
    }
    return ProvisionException.of(
        "cannot reach " + who + ": " + reason,
        "check target.ssh.host and target.ssh.port, that sshd runs on the server, and that a"
            + " firewall lets this machine in (try `ssh -p "
            + target.port()
            + " "
            + target.user()
            + "@"
            + target.host()
            + "`)");
  }

  static void closeQuietly(SSHClient ssh) {
    try {
      ssh.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // closing a half-open connection: nothing left to tell
    }
  }
}
