package dev.provision.driver.ssh;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;

/**
 * Opens an authenticated sshj connection along an {@link SshRoute} (jump hosts first): every host
 * key checked by {@link KnownHostsPolicy}, every hop logged in by {@link SshAuthenticator}. Every
 * failure is a {@link ProvisionException} that names {@code user@ host:port} and says what to do.
 * Not for running anything on the connection.
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

  /** An explicit target (its identity file or the default keys; no agent, no config). */
  static SSHClient connect(Target.Ssh target, String home, SshSettings settings) {
    return connect(target, Map.of(), PassphrasePrompt.NONE, home, settings).ssh();
  }

  /** Connects to {@code spec} as resolved with its OpenSSH config ({@link SshConfigFile}). */
  static Connected connect(
      Target.Ssh spec,
      Map<String, String> env,
      PassphrasePrompt prompt,
      String home,
      SshSettings settings) {
    SshRoute route = SshRoute.resolve(spec, SshConfigFile.read(spec, home));
    return connect(route, spec, env, prompt, home, settings);
  }

  /**
   * Connects along {@code route}, logging in with the agent of {@code env}'s SSH_AUTH_SOCK, the
   * route's identity files and the passphrase sources of {@code spec}.
   */
  static Connected connect(
      SshRoute route,
      Target.Ssh spec,
      Map<String, String> env,
      PassphrasePrompt prompt,
      String home,
      SshSettings settings) {
    String sock = env.get("SSH_AUTH_SOCK");
    SshAuthenticator auth =
        new SshAuthenticator(
            sock == null || sock.isBlank() ? null : new SshAgent(Path.of(sock)),
            new Passphrases(spec.passphraseEnv(), env, prompt),
            home);
    return connect(route, spec.identityFile(), auth, home, settings);
  }

  /**
   * The target's connection, the jump hosts' connections it runs through (first hop first), and the
   * route it followed.
   */
  record Connected(SshRoute route, SSHClient ssh, List<SSHClient> jumps) {
    void close() {
      closeQuietly(ssh);
      for (int i = jumps.size() - 1; i >= 0; i--) {
        closeQuietly(jumps.get(i));
      }
    }
  }

  /**
   * Connects along {@code route}: each jump host in turn, then the target through a direct-tcpip
   * channel of the hop before (as {@code ssh -J}); every hop's host key is checked against its
   * known hosts file, and every hop is authenticated by {@code auth}. The keepalive is configured
   * before connecting: sshj starts its keepalive thread only while connecting, and only when an
   * interval is set by then.
   */
  static Connected connect(
      SshRoute route,
      String explicitKey,
      SshAuthenticator auth,
      String home,
      SshSettings settings) {
    List<Target.Ssh> hops = new ArrayList<>(route.jumps());
    hops.add(route.target());
    List<SSHClient> opened = new ArrayList<>();
    try {
      for (int i = 0; i < hops.size(); i++) {
        Target.Ssh hop = hops.get(i);
        boolean last = i == hops.size() - 1;
        SSHClient previous = opened.isEmpty() ? null : opened.get(opened.size() - 1);
        SSHClient ssh = open(hop, previous, home, settings);
        opened.add(ssh);
        List<String> keys = new ArrayList<>();
        if (!last && hop.identityFile() != null) {
          keys.add(hop.identityFile());
        }
        keys.addAll(route.keysToTry());
        auth.login(
            ssh,
            hop.user(),
            keys,
            last ? explicitKey : null,
            route.identitiesOnly(),
            describe(hop));
      }
      SSHClient target = opened.remove(opened.size() - 1);
      return new Connected(route, target, List.copyOf(opened));
    } catch (RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        closeQuietly(opened.get(i));
      }
      throw e;
    }
  }

  /** One hop: a socket of its own, or a channel of {@code via} when there is one. */
  private static SSHClient open(
      Target.Ssh target, SSHClient via, String home, SshSettings settings) {
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
      if (via == null) {
        ssh.connect(target.host(), target.port());
      } else {
        ssh.connectVia(via.newDirectConnection(target.host(), target.port()));
      }
      return ssh;
    } catch (IOException e) {
      closeQuietly(ssh);
      throw connectFailure(target, who, knownHosts, policy, e);
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
