package dev.provision.driver.ssh;

import dev.provision.diag.CertificateFile;
import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Logs a connection in the way OpenSSH does: first each key of ssh-agent (when {@code
 * SSH_AUTH_SOCK} is set and IdentitiesOnly is off), then each identity file that exists, an
 * encrypted one decrypted with a passphrase from {@link Passphrases} only when its turn comes. A
 * wrong passphrase stops with an error naming the key file; a key with no passphrase available is
 * skipped and named in the final error if no key was accepted.
 */
final class SshAuthenticator {
  private final SshAgent agent;
  private final Passphrases passphrases;
  private final String home;

  SshAuthenticator(SshAgent agent, Passphrases passphrases, String home) {
    this.agent = agent;
    this.passphrases = passphrases;
    this.home = home;
  }

  /**
   * Authenticates {@code user} on {@code ssh}.
   *
   * @param keys identity files in order; {@code explicitKey} (may be null) must exist
   */
  void login(
      SSHClient ssh,
      String user,
      List<String> keys,
      String explicitKey,
      boolean identitiesOnly,
      String who) {
    List<String> tried = new ArrayList<>();
    List<Path> locked = new ArrayList<>();
    try {
      if (agent != null && !identitiesOnly) {
        for (SshAgent.Identity id : agentKeys(who)) {
          if (attempt(ssh, user, new AgentAuth(agent, id))) {
            return;
          }
          tried.add("agent key " + id.comment());
        }
      }
      for (String name : keys) {
        Path key = SshConnector.expand(name, home);
        if (!Files.exists(key)) {
          if (name.equals(explicitKey)) {
            throw ProvisionException.of(
                "the identity file " + key + " for " + who + " does not exist",
                "set target.ssh.identityFile to a private key file (e.g. ~/.ssh/id_ed25519)");
          }
          continue;
        }
        // sshj reads it itself: refuse a FIFO, a device or a huge file before it does
        CertificateFile.read(key, "identity file");
        KeyProvider provider = load(ssh, key, locked);
        if (provider != null && attempt(ssh, user, new AuthPublickey(provider))) {
          return;
        }
        tried.add(key.toString());
      }
    } catch (TransportException e) {
      throw ProvisionException.of(
          "cannot authenticate to " + who + ": " + e.getMessage(),
          "check that sshd on the server runs and accepts public-key logins");
    }
    throw refused(who, user, tried, locked);
  }

  private List<SshAgent.Identity> agentKeys(String who) {
    try {
      return agent.identities();
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot list the keys of ssh-agent at "
              + agent.socket()
              + " (SSH_AUTH_SOCK) for "
              + who
              + ": "
              + e.getMessage(),
          "start the agent again (eval $(ssh-agent); ssh-add) or unset SSH_AUTH_SOCK");
    }
  }

  private static boolean attempt(SSHClient ssh, String user, AuthMethod method)
      throws TransportException {
    try {
      ssh.auth(user, method);
      return ssh.isAuthenticated();
    } catch (UserAuthException refused) {
      return false;
    }
  }

  /** The key, decrypted when it needs a passphrase; null when no passphrase is available. */
  private KeyProvider load(SSHClient ssh, Path key, List<Path> locked) {
    Passphrases.Found[] found = new Passphrases.Found[1];
    boolean[] asked = new boolean[1];
    PasswordFinder finder =
        new PasswordFinder() {
          @Override
          public char[] reqPassword(Resource<?> resource) {
            asked[0] = true;
            found[0] = passphrases.find(key).orElse(null);
            return found[0] == null ? null : found[0].passphrase().clone();
          }

          @Override
          public boolean shouldRetry(Resource<?> resource) {
            return false;
          }
        };
    try {
      KeyProvider provider = ssh.loadKeys(key.toString(), finder);
      provider.getPrivate(); // decrypt now, so a wrong passphrase is named as such
      return provider;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProvisionException p) {
        throw p;
      }
      if (asked[0] && found[0] == null) {
        locked.add(key);
        return null;
      }
      if (asked[0]) {
        throw ProvisionException.of(
            "the passphrase from "
                + found[0].source()
                + " does not decrypt the identity file "
                + key,
            "give the key's passphrase, or load the key into ssh-agent (ssh-add " + key + ")");
      }
      throw ProvisionException.of(
          "cannot read the identity file " + key + ": " + e.getMessage(),
          "use an OpenSSH or PEM private key (ssh-keygen -t ed25519 writes one)");
    }
  }

  private static ProvisionException refused(
      String who, String user, List<String> tried, List<Path> locked) {
    StringBuilder hint =
        new StringBuilder(
            "check target.ssh.user and target.ssh.identityFile (or IdentityFile in ~/.ssh/config),"
                + " and that the key's public half is in ~"
                + user
                + "/.ssh/authorized_keys on the server");
    if (!locked.isEmpty()) {
      hint.append("; passphrase-protected and skipped (no passphrase available): ")
          .append(String.join(", ", locked.stream().map(Path::toString).toList()))
          .append(
              " - load them into ssh-agent (ssh-add), name a variable holding the passphrase"
                  + " in target.ssh.passphraseEnv, or set SSH_ASKPASS");
    }
    return ProvisionException.of(
        who
            + " refused public-key authentication for user "
            + user
            + (tried.isEmpty()
                ? " (no key to offer)"
                : " (offered: " + String.join(", ", tried) + ")"),
        hint.toString());
  }
}
