package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.nio.file.Path;

/**
 * The user's view of a refused host key ({@link KnownHostsPolicy.Refusal}): what was offered and
 * what is recorded (SHA256 fingerprints, as {@code ssh-keygen -l} prints them), and what to do. A
 * changed or revoked key never hints at {@code accept-new}: that mode records only new hosts.
 */
final class HostKeyMessages {
  private HostKeyMessages() {}

  static ProvisionException refusal(
      Target.Ssh target, String who, Path knownHosts, KnownHostsPolicy.Refusal r) {
    String offered = r.keyType() + " " + r.fingerprint();
    String recorded = String.join(", ", r.recorded());
    return switch (r.reason()) {
      case CHANGED ->
          ProvisionException.of(
              "the host key of "
                  + r.host()
                  + " has CHANGED: the server offers "
                  + offered
                  + " but "
                  + knownHosts
                  + " records "
                  + recorded
                  + "; refusing to connect to "
                  + who,
              "if the server was reinstalled, check the new fingerprint with its administrator, remove"
                  + " the old entries with `ssh-keygen -R '"
                  + r.host()
                  + "' -f "
                  + knownHosts
                  + "`, and connect again");
      case REVOKED ->
          ProvisionException.of(
              "the host key of "
                  + r.host()
                  + " ("
                  + offered
                  + ") is marked @revoked in "
                  + knownHosts
                  + "; refusing to connect to "
                  + who,
              "the server must get a new host key; ask its administrator");
      case WRITE_FAILED ->
          ProvisionException.of(
              "cannot record the host key of "
                  + r.host()
                  + " ("
                  + offered
                  + ") in "
                  + knownHosts
                  + ": "
                  + r.detail()
                  + "; not connecting to "
                  + who,
              "make "
                  + knownHosts
                  + " writable, or set target.ssh.knownHostsFile to a writable file");
      case UNKNOWN ->
          ProvisionException.of(
              "the host key of "
                  + r.host()
                  + " ("
                  + offered
                  + ") is not in "
                  + knownHosts
                  + "; refusing to connect to "
                  + who,
              "add it with `ssh-keyscan -p "
                  + target.port()
                  + " "
                  + target.host()
                  + " >> "
                  + knownHosts
                  + "` after checking the fingerprint, or set target.ssh.knownHosts: accept-new to"
                  + " record the key of a host seen for the first time");
    };
  }
}
