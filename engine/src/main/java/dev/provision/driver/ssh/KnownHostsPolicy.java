package dev.provision.driver.ssh;

import dev.provision.model.Target;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Checks a server's host key against an OpenSSH known_hosts file. STRICT accepts only keys already
 * in the file; ACCEPT_NEW also records the key of a host seen for the first time (appending to the
 * file, as {@code ssh -o StrictHostKeyChecking=accept-new} does). A changed key is always refused.
 * A refusal is remembered ({@link #refusal()}) so the connector can explain it; this class never
 * throws for a refusal itself.
 */
final class KnownHostsPolicy extends OpenSSHKnownHosts {

  /** Why a key was refused: the host as written in known_hosts, and the key's fingerprint. */
  record Refusal(boolean changed, String host, String keyType, String fingerprint) {}

  private final Target.KnownHosts mode;
  private volatile Refusal refusal;

  private KnownHostsPolicy(File file, Target.KnownHosts mode) throws IOException {
    super(file);
    this.mode = mode;
  }

  /** Reads {@code file} (a missing file is an empty list of hosts). */
  static KnownHostsPolicy load(File file, Target.KnownHosts mode) throws IOException {
    return new KnownHostsPolicy(file, mode);
  }

  /** The last refusal, or null when no key was refused. */
  Refusal refusal() {
    return refusal;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    if (mode == Target.KnownHosts.ACCEPT_NEW) {
      try {
        File parent = getFile().getAbsoluteFile().getParentFile();
        if (parent != null) {
          Files.createDirectories(parent.toPath());
        }
        HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
        entries().add(entry);
        write(entry);
        return true;
      } catch (IOException e) {
        refusal = new Refusal(false, hostname, KeyType.fromKey(key).toString(), fingerprint(key));
        return false;
      }
    }
    refusal = new Refusal(false, hostname, KeyType.fromKey(key).toString(), fingerprint(key));
    return false;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    refusal = new Refusal(true, hostname, KeyType.fromKey(key).toString(), fingerprint(key));
    return false;
  }

  /** The key's fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
  static String fingerprint(PublicKey key) {
    byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
