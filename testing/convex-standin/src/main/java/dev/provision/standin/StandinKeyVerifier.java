package dev.provision.standin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * TEST STAND-IN ONLY. Checks admin keys from the format's description alone (format version 1),
 * sharing no code with the engine, so that a wrong key format in the engine fails the stand-in's
 * tests: {@code <name>|<hex>}, bytes {@code 01 || nonce(12) || ciphertext || tag(16)},
 * AES-128-GCM-SIV with AAD {@code 01} under the first 16 bytes of {@code HMAC-SHA256(secret, 00 00
 * 00 01 || "admin key")}, plaintext a protobuf {@code AdminKey} (2 issued_s, 3 member_id, 4 system
 * key, 5 is_read_only). Legacy (secretbox) keys are not accepted.
 */
public final class StandinKeyVerifier implements KeyVerifier {
  private static final int VERSION = 1;
  private static final int NONCE = 12;
  private static final int TAG = 16;
  private static final int LEGACY_NONCE = 24;

  private final String instanceName;
  private final byte[] key;
  private final byte[] secret;

  /** A verifier for one instance. */
  public StandinKeyVerifier(Credentials credentials) {
    this.instanceName = credentials.name();
    this.secret = credentials.secretBytes();
    this.key = deriveKey(secret);
  }

  /** The AES key: the first 16 bytes of one counter-mode HMAC-SHA256 block over "admin key". */
  static byte[] deriveKey(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(new byte[] {0, 0, 0, 1});
      byte[] block = mac.doFinal("admin key".getBytes(StandardCharsets.US_ASCII));
      return Arrays.copyOf(block, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public Verdict check(String adminKey) {
    int bar = adminKey.indexOf('|');
    if (bar < 0) {
      return Verdict.invalid();
    }
    String name = adminKey.substring(0, bar);
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(colon + 1);
    }
    if (!name.equals(instanceName)) {
      return Verdict.invalid();
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(adminKey.substring(bar + 1));
    } catch (IllegalArgumentException notHex) {
      return Verdict.invalid();
    }
    if (bytes.length < 1 + NONCE + TAG || bytes[0] != VERSION) {
      return Verdict.invalid();
    }
    byte[] plain;
    try {
      plain = open(Arrays.copyOfRange(bytes, 1, 1 + NONCE), bytes, 1 + NONCE);
    } catch (InvalidCipherTextException notThisFormat) {
      plain = openLegacy(bytes);
    }
    return plain == null ? Verdict.invalid() : Payload.parse(plain).verdict();
  }

  /** Secretbox: XSalsa20 keystream, its first 32 bytes key Poly1305 over the ciphertext. */
  private byte[] openLegacy(byte[] bytes) {
    int from = 1 + LEGACY_NONCE + TAG;
    if (bytes.length < from) {
      return null;
    }
    XSalsa20Engine salsa = new XSalsa20Engine();
    salsa.init(
        false,
        new ParametersWithIV(
            new KeyParameter(secret), Arrays.copyOfRange(bytes, 1, 1 + LEGACY_NONCE)));
    int n = bytes.length - from;
    byte[] stream = new byte[32 + n];
    salsa.processBytes(new byte[stream.length], 0, stream.length, stream, 0);
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(Arrays.copyOf(stream, 32)));
    poly.update(bytes, from, n);
    byte[] mac = new byte[TAG];
    poly.doFinal(mac, 0);
    if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(bytes, 1 + LEGACY_NONCE, from))) {
      return null;
    }
    byte[] plain = new byte[n];
    for (int i = 0; i < n; i++) {
      plain[i] = (byte) (bytes[from + i] ^ stream[32 + i]);
    }
    return plain;
  }

  private byte[] open(byte[] nonce, byte[] bytes, int from) throws InvalidCipherTextException {
    GCMSIVBlockCipher cipher = new GCMSIVBlockCipher(AESEngine.newInstance());
    cipher.init(false, new AEADParameters(new KeyParameter(key), TAG * 8, nonce, new byte[] {1}));
    byte[] out = new byte[cipher.getOutputSize(bytes.length - from)];
    int n = cipher.processBytes(bytes, from, bytes.length - from, out, 0);
    n += cipher.doFinal(out, n);
    return Arrays.copyOf(out, n);
  }

  /**
   * The fields of a decrypted {@code AdminKey} that decide the verdict.
   *
   * @param issuedSeconds field 2, 0 when absent
   * @param member whether field 3 (member_id) is present
   * @param system whether field 4 (a system key) is present
   * @param readOnly field 5
   * @param wellFormed whether the bytes parsed as protobuf
   */
  record Payload(
      long issuedSeconds, boolean member, boolean system, boolean readOnly, boolean wellFormed) {

    /** Valid when issued at a non-zero time for a member or the system; else invalid. */
    Verdict verdict() {
      boolean valid = wellFormed && issuedSeconds != 0 && (member || system);
      return valid ? new Verdict(true, readOnly) : Verdict.invalid();
    }

    static Payload parse(byte[] b) {
      long issued = 0;
      boolean member = false;
      boolean system = false;
      boolean readOnly = false;
      int[] at = {0};
      try {
        while (at[0] < b.length) {
          long tag = varint(b, at);
          int field = (int) (tag >>> 3);
          int wire = (int) (tag & 7);
          if (wire == 0) {
            long v = varint(b, at);
            switch (field) {
              case 2 -> issued = v;
              case 3 -> member = true;
              case 5 -> readOnly = v != 0;
              default -> {
                // An unknown number: ignored, as protobuf readers do.
              }
            }
          } else if (wire == 2) {
            long len = varint(b, at);
            if (len < 0 || at[0] + len > b.length) {
              return new Payload(0, false, false, false, false);
            }
            at[0] += (int) len;
            system |= field == 4;
          } else {
            return new Payload(0, false, false, false, false);
          }
        }
      } catch (ArrayIndexOutOfBoundsException truncated) {
        return new Payload(0, false, false, false, false);
      }
      return new Payload(issued, member, system, readOnly, true);
    }

    private static long varint(byte[] b, int[] at) {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = b[at[0]++];
        v |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new ArrayIndexOutOfBoundsException("varint too long");
    }
  }
}
