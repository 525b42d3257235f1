package dev.provision.cli;

import java.util.HexFormat;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Makes legacy (NaCl secretbox) admin keys for tests of the verify command: XSalsa20 keystream, its
 * first 32 bytes keying Poly1305 over the ciphertext; bytes {@code 01 || nonce(24) || mac(16) ||
 * ciphertext}. Production code never issues this format.
 */
final class LegacyKeys {
  private LegacyKeys() {}

  static String key(String name, byte[] secret, byte[] plaintext) {
    byte[] nonce = new byte[24];
    XSalsa20Engine cipher = new XSalsa20Engine();
    cipher.init(true, new ParametersWithIV(new KeyParameter(secret), nonce));
    byte[] stream = new byte[32 + plaintext.length];
    byte[] zeros = new byte[stream.length];
    cipher.processBytes(zeros, 0, zeros.length, stream, 0);
    byte[] sealed = new byte[plaintext.length];
    for (int i = 0; i < plaintext.length; i++) {
      sealed[i] = (byte) (plaintext[i] ^ stream[32 + i]);
    }
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(java.util.Arrays.copyOf(stream, 32)));
    mac.update(sealed, 0, sealed.length);
    byte[] tag = new byte[16];
    mac.doFinal(tag, 0);
    byte[] out = new byte[1 + 24 + 16 + sealed.length];
    out[0] = 1;
    System.arraycopy(tag, 0, out, 25, 16);
    System.arraycopy(sealed, 0, out, 41, sealed.length);
    return name + "|" + HexFormat.of().formatHex(out);
  }
}
