package dev.provision.model;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC-SHA256 through BouncyCastle's {@code HMac} rather than {@code javax.crypto.Mac}: the JCA
 * would load and set up four security providers (elliptic curves, TLS) before it reached the one
 * with HmacSHA256, and read the crypto policy, in every run that issues an admin key or hashes a
 * config.
 */
public final class HmacSha256 {
  private HmacSha256() {}

  /** The MAC under {@code key} of {@code parts}, one after another. */
  public static byte[] of(byte[] key, byte[]... parts) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    for (byte[] part : parts) {
      mac.update(part, 0, part.length);
    }
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }
}
