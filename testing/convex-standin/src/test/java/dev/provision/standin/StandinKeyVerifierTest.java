package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.AdminKeys;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * TEST STAND-IN: the stand-in's own admin-key verifier against the format's known answer (from the
 * format description, not from the engine), hand-made payloads, and the engine's issued keys.
 */
class StandinKeyVerifierTest {
  private static final String ZERO_SECRET = "00".repeat(32);
  private static final String KNOWN_KEY =
      "convex-self-hosted|010000000000000000000000009f7b8a31b44722d7723a770b941399c1ef7680eded0c529c";
  private static final HexFormat HEX = HexFormat.of();

  private final StandinKeyVerifier verifier =
      new StandinKeyVerifier(new Credentials("convex-self-hosted", ZERO_SECRET));

  @Test
  void derivesTheKnownAesKey() {
    assertThat(HEX.formatHex(StandinKeyVerifier.deriveKey(new byte[32])))
        .isEqualTo("2178024442c6a40f38dcdd2b7e329bc3");
  }

  @Test
  void acceptsTheKnownAnswerAsReadWrite() {
    assertThat(verifier.check(KNOWN_KEY)).isEqualTo(new KeyVerifier.Verdict(true, false));
    assertThat(verifier.check("admin:" + KNOWN_KEY))
        .isEqualTo(new KeyVerifier.Verdict(true, false));
  }

  @Test
  void refusesAnotherNameSecretOrATamperedKey() {
    assertThat(verifier.check(KNOWN_KEY.replace("convex-self-hosted|", "other|")).valid())
        .isFalse();
    assertThat(
            new StandinKeyVerifier(new Credentials("convex-self-hosted", "11".repeat(32)))
                .check(KNOWN_KEY)
                .valid())
        .isFalse();
    assertThat(verifier.check(KNOWN_KEY.substring(0, KNOWN_KEY.length() - 1) + "d").valid())
        .isFalse();
    assertThat(verifier.check("convex-self-hosted|zz").valid()).isFalse();
    assertThat(verifier.check("no-bar").valid()).isFalse();
    assertThat(
            verifier
                .check("convex-self-hosted|02" + KNOWN_KEY.split("\\|")[1].substring(2))
                .valid())
        .isFalse();
  }

  @Test
  void readsThePayloadFields() {
    // issued 1700000000, member 0, read-only
    assertThat(verifier.check(seal("1080e2cfaa0618002801")))
        .isEqualTo(new KeyVerifier.Verdict(true, true));
    // a system key (field 4, empty message)
    assertThat(verifier.check(seal("1080e2cfaa062200")))
        .isEqualTo(new KeyVerifier.Verdict(true, false));
    // issued_s missing or zero, or no identity
    assertThat(verifier.check(seal("1800")).valid()).isFalse();
    assertThat(verifier.check(seal("10001800")).valid()).isFalse();
    assertThat(verifier.check(seal("1080e2cfaa06")).valid()).isFalse();
    // not protobuf
    assertThat(verifier.check(seal("ff")).valid()).isFalse();
  }

  @Test
  void acceptsTheKeysTheEngineIssues() {
    String secret = "ab".repeat(32);
    StandinKeyVerifier app = new StandinKeyVerifier(new Credentials("app", secret));
    assertThat(app.check(AdminKeys.issue("app", HEX.parseHex(secret), false)))
        .isEqualTo(new KeyVerifier.Verdict(true, false));
    assertThat(app.check(AdminKeys.issue("app", HEX.parseHex(secret), true)))
        .isEqualTo(new KeyVerifier.Verdict(true, true));
    assertThat(app.check(AdminKeys.issue("other", HEX.parseHex(secret), false)).valid()).isFalse();
  }

  @Test
  void acceptsALegacySecretboxKey() {
    String legacy = legacy(new byte[32], HEX.parseHex("1080e2cfaa061800"));
    assertThat(verifier.check(legacy)).isEqualTo(new KeyVerifier.Verdict(true, false));
    assertThat(verifier.check(legacy.substring(0, legacy.length() - 2) + "00").valid()).isFalse();
  }

  /** A legacy key made by hand from the format's description (zero nonce). */
  private static String legacy(byte[] secret, byte[] plain) {
    org.bouncycastle.crypto.engines.XSalsa20Engine salsa =
        new org.bouncycastle.crypto.engines.XSalsa20Engine();
    salsa.init(
        true,
        new org.bouncycastle.crypto.params.ParametersWithIV(
            new KeyParameter(secret), new byte[24]));
    byte[] stream = new byte[32 + plain.length];
    salsa.processBytes(new byte[stream.length], 0, stream.length, stream, 0);
    byte[] sealed = new byte[plain.length];
    for (int i = 0; i < plain.length; i++) {
      sealed[i] = (byte) (plain[i] ^ stream[32 + i]);
    }
    org.bouncycastle.crypto.macs.Poly1305 poly = new org.bouncycastle.crypto.macs.Poly1305();
    poly.init(new KeyParameter(java.util.Arrays.copyOf(stream, 32)));
    poly.update(sealed, 0, sealed.length);
    byte[] out = new byte[1 + 24 + 16 + sealed.length];
    out[0] = 1;
    poly.doFinal(out, 25);
    System.arraycopy(sealed, 0, out, 41, sealed.length);
    return "convex-self-hosted|" + HEX.formatHex(out);
  }

  /** Encrypts a plaintext under the zero secret with a zero nonce: a key made by hand. */
  private static String seal(String plaintextHex) {
    byte[] plain = HEX.parseHex(plaintextHex);
    GCMSIVBlockCipher cipher = new GCMSIVBlockCipher(AESEngine.newInstance());
    cipher.init(
        true,
        new AEADParameters(
            new KeyParameter(StandinKeyVerifier.deriveKey(new byte[32])),
            128,
            new byte[12],
            new byte[] {1}));
    byte[] out = new byte[cipher.getOutputSize(plain.length)];
    int n = cipher.processBytes(plain, 0, plain.length, out, 0);
    try {
      n += cipher.doFinal(out, n);
    } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
      throw new AssertionError(e);
    }
    byte[] key = new byte[1 + 12 + n];
    key[0] = 1;
    System.arraycopy(out, 0, key, 13, n);
    return "convex-self-hosted|" + HEX.formatHex(key);
  }
}
