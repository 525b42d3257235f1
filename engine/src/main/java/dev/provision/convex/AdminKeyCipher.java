package dev.provision.convex;

import dev.provision.model.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The two ciphers Convex backends use for admin keys, byte for byte.
 *
 * <ul>
 *   <li>Format 1 (current): AES-128-GCM-SIV (RFC 8452) under a key derived from the instance
 *       secret, 12-byte nonce, associated data = the version byte; bytes {@code 01 || nonce ||
 *       ciphertext || tag}.
 *   <li>Legacy: NaCl secretbox (XSalsa20-Poly1305) keyed by the raw secret, 24-byte nonce; bytes
 *       {@code 01 || nonce || mac || ciphertext}. Only opened here, never sealed.
 * </ul>
 *
 * Pure functions; no randomness (callers pass the nonce).
 */
final class AdminKeyCipher {
  static final byte VERSION = 1;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  static final int LEGACY_NONCE_LENGTH = 24;
  static final int LEGACY_MAC_LENGTH = 16;

  private static final byte[] KDF_INPUT = kdfInput();

  private AdminKeyCipher() {}

  private static byte[] kdfInput() {
    byte[] label = "admin key".getBytes(StandardCharsets.US_ASCII);
    byte[] input = new byte[4 + label.length];
    input[3] = 1;
    System.arraycopy(label, 0, input, 4, label.length);
    return input;
  }

  /**
   * The AES key: the first 16 bytes of HMAC-SHA256(secret, 00 00 00 01 || "admin key"), one block
   * of the NIST SP 800-108 counter-mode KDF with no separator and no length field.
   */
  static byte[] deriveKey(byte[] secret) {
    return Arrays.copyOf(HmacSha256.of(secret, KDF_INPUT), 16);
  }

  /** Seals a payload in format 1: {@code 01 || nonce || ciphertext || tag}. */
  static byte[] seal(byte[] secret, byte[] nonce, byte[] plaintext) {
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("the nonce must be 12 bytes");
    }
    GCMSIVBlockCipher cipher = gcmSiv(true, secret, nonce);
    byte[] sealed = new byte[cipher.getOutputSize(plaintext.length)];
    int written = cipher.processBytes(plaintext, 0, plaintext.length, sealed, 0);
    try {
      written += cipher.doFinal(sealed, written);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("encryption cannot fail authentication", e);
    }
    byte[] out = new byte[1 + NONCE_LENGTH + written];
    out[0] = VERSION;
    System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
    System.arraycopy(sealed, 0, out, 1 + NONCE_LENGTH, written);
    return out;
  }

  /** Opens format-1 bytes (version byte included); empty when they do not authenticate. */
  static Optional<byte[]> open(byte[] secret, byte[] bytes) {
    if (bytes.length < 1 + NONCE_LENGTH + TAG_LENGTH || bytes[0] != VERSION) {
      return Optional.empty();
    }
    byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_LENGTH);
    GCMSIVBlockCipher cipher = gcmSiv(false, secret, nonce);
    int sealedLength = bytes.length - 1 - NONCE_LENGTH;
    byte[] plain = new byte[cipher.getOutputSize(sealedLength)];
    int written = cipher.processBytes(bytes, 1 + NONCE_LENGTH, sealedLength, plain, 0);
    try {
      written += cipher.doFinal(plain, written);
    } catch (InvalidCipherTextException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(plain, written));
  }

  private static GCMSIVBlockCipher gcmSiv(boolean encrypt, byte[] secret, byte[] nonce) {
    GCMSIVBlockCipher cipher = new GCMSIVBlockCipher(AESEngine.newInstance());
    KeyParameter key = new KeyParameter(deriveKey(secret));
    cipher.init(encrypt, new AEADParameters(key, TAG_LENGTH * 8, nonce, new byte[] {VERSION}));
    return cipher;
  }

  /**
   * Opens legacy bytes {@code 01 || nonce(24) || mac(16) || ciphertext} with the NaCl secretbox
   * construction: the first 32 bytes of the XSalsa20 keystream are the one-time Poly1305 key, the
   * rest encrypts the message, and the MAC covers the ciphertext. Empty when they do not
   * authenticate.
   */
  static Optional<byte[]> openLegacy(byte[] secret, byte[] bytes) {
    int head = 1 + LEGACY_NONCE_LENGTH + LEGACY_MAC_LENGTH;
    if (secret.length != 32 || bytes.length < head || bytes[0] != VERSION) {
      return Optional.empty();
    }
    byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + LEGACY_NONCE_LENGTH);
    byte[] mac = Arrays.copyOfRange(bytes, 1 + LEGACY_NONCE_LENGTH, head);
    byte[] ciphertext = Arrays.copyOfRange(bytes, head, bytes.length);
    XSalsa20Engine stream = new XSalsa20Engine();
    stream.init(false, new ParametersWithIV(new KeyParameter(secret), nonce));
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(ciphertext, 0, ciphertext.length);
    byte[] expected = new byte[LEGACY_MAC_LENGTH];
    poly.doFinal(expected, 0);
    if (!MessageDigest.isEqual(expected, mac)) {
      return Optional.empty();
    }
    byte[] plain = new byte[ciphertext.length];
    stream.processBytes(ciphertext, 0, ciphertext.length, plain, 0);
    return Optional.of(plain);
  }
}
