package dev.provision.driver.ssh;

import dev.provision.model.Target;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Checks a server's host key against an OpenSSH known_hosts file the way OpenSSH does. sshj's
 * {@link OpenSSHKnownHosts} parses the file and matches host patterns (plain, hashed, {@code
 * [host]:port}); this class decides: a key listed {@code @revoked} for the host is refused; a key
 * recorded for the host (any type) is accepted; any other key is refused as CHANGED when the host
 * has a recorded key of any type, and is unknown otherwise. Only an unknown host is recorded, and
 * only in ACCEPT_NEW (appended, as {@code ssh -o StrictHostKeyChecking=accept-new} does); a failed
 * write is a refusal of its own. A refusal is remembered ({@link #refusal()}) so the connector can
 * explain it; this class never throws for a refusal itself.
 */
final class KnownHostsPolicy extends OpenSSHKnownHosts {

  /** Why a key was refused. */
  enum Reason {
    UNKNOWN,
    CHANGED,
    REVOKED,
    WRITE_FAILED
  }

  /**
   * A refusal: the host as known_hosts names it, the offered key's type and SHA256 fingerprint, the
   * fingerprints recorded for the host (empty for an unknown host), and for WRITE_FAILED the error.
   */
  record Refusal(
      Reason reason,
      String host,
      String keyType,
      String fingerprint,
      List<String> recorded,
      String detail) {
    boolean changed() {
      return reason == Reason.CHANGED || reason == Reason.REVOKED;
    }
  }

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
  public boolean verify(String hostname, int port, PublicKey key) {
    KeyType type = KeyType.fromKey(key);
    String host = hostname.toLowerCase(Locale.ROOT);
    host = port != 22 ? "[" + host + "]:" + port : host;
    String offered = fingerprint(key);
    List<KnownHostEntry> forHost = new ArrayList<>();
    List<String> recorded = new ArrayList<>();
    boolean matched = false;
    for (KnownHostEntry e : entries()) {
      if (!(e instanceof HostEntry) || !applies(e, host)) {
        continue;
      }
      String fp = recordedFingerprint(e);
      if (revoked(e)) {
        if (offered.equals(fp)) {
          return refuse(Reason.REVOKED, host, type, offered, List.of(fp), null);
        }
        continue;
      }
      forHost.add(e);
      if (fp != null) {
        recorded.add(fp);
      }
      matched |= matches(e, type, host, key);
    }
    if (type == KeyType.UNKNOWN) {
      return refuse(Reason.CHANGED, host, type, offered, recorded, null);
    }
    if (matched) {
      return true;
    }
    if (!forHost.isEmpty()) {
      return refuse(Reason.CHANGED, host, type, offered, recorded, null);
    }
    if (mode != Target.KnownHosts.ACCEPT_NEW) {
      return refuse(Reason.UNKNOWN, host, type, offered, List.of(), null);
    }
    try {
      File parent = getFile().getAbsoluteFile().getParentFile();
      if (parent != null) {
        Files.createDirectories(parent.toPath());
      }
      HostEntry entry = new HostEntry(null, host, type, key);
      write(entry);
      entries().add(entry);
      return true;
    } catch (IOException | RuntimeException e) {
      return refuse(Reason.WRITE_FAILED, host, type, offered, List.of(), String.valueOf(e));
    }
  }

  private boolean refuse(
      Reason reason,
      String host,
      KeyType type,
      String offered,
      List<String> recorded,
      String detail) {
    refusal = new Refusal(reason, host, type.toString(), offered, List.copyOf(recorded), detail);
    return false;
  }

  private static boolean applies(KnownHostEntry e, String host) {
    try {
      return e.appliesTo(host);
    } catch (IOException bad) {
      return false;
    }
  }

  private static boolean matches(KnownHostEntry e, KeyType type, String host, PublicKey key) {
    try {
      return e.appliesTo(type, host) && e.verify(key);
    } catch (IOException bad) {
      return false;
    }
  }

  private static boolean revoked(KnownHostEntry e) {
    return e.getLine().startsWith("@revoked");
  }

  /** The SHA256 fingerprint of an entry's key, read from its line; null for a CA or odd line. */
  static String recordedFingerprint(KnownHostEntry e) {
    String[] fields = e.getLine().trim().split("\\s+");
    int i = fields[0].startsWith("@") ? 1 : 0;
    if (fields.length < i + 3) {
      return null;
    }
    try {
      return fingerprint(Base64.getDecoder().decode(fields[i + 2]));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  /** The key's fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
  static String fingerprint(PublicKey key) {
    return fingerprint(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
  }

  private static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
