package dev.provision.convex;

import java.util.HexFormat;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Test-only sealer for legacy (NaCl secretbox) admin keys, so the legacy path of the verifier can
 * be exercised with fixtures of any content. Production code never issues this format.
 */
final class LegacyAdminKeyEncoder {
  private LegacyAdminKeyEncoder() {}

  static String hex(byte[] secret, byte[] nonce24, byte[] plaintext) {
    XSalsa20Engine stream = new XSalsa20Engine();
    stream.init(true, new ParametersWithIV(new KeyParameter(secret), nonce24));
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] ciphertext = new byte[plaintext.length];
    stream.processBytes(plaintext, 0, plaintext.length, ciphertext, 0);
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(ciphertext, 0, ciphertext.length);
    byte[] mac = new byte[16];
    poly.doFinal(mac, 0);
    byte[] out = new byte[1 + 24 + 16 + ciphertext.length];
    out[0] = 1;
    System.arraycopy(nonce24, 0, out, 1, 24);
    System.arraycopy(mac, 0, out, 25, 16);
    System.arraycopy(ciphertext, 0, out, 41, ciphertext.length);
    return HexFormat.of().formatHex(out);
  }
}
