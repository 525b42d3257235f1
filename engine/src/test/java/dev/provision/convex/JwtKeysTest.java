package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.io.StringReader;
import java.security.interfaces.RSAPrivateCrtKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtKeysTest {
  private static JwtKeys pair;
  private static JwtKeys other;

  @BeforeAll
  static void generateOnce() {
    pair = JwtKeys.generate();
    other = JwtKeys.generate();
  }

  @Test
  void privateKeyIsOneLinePkcs8() {
    String env = pair.jwtPrivateKey();
    assertThat(env)
        .startsWith("-----BEGIN PRIVATE KEY----- MII")
        .endsWith(" -----END PRIVATE KEY-----")
        .doesNotContain("\n")
        .doesNotContain("  ")
        .doesNotStartWith(" ");
    String body =
        env.replace("-----BEGIN PRIVATE KEY----- ", "").replace(" -----END PRIVATE KEY-----", "");
    String[] lines = body.split(" ");
    for (int i = 0; i < lines.length - 1; i++) {
      assertThat(lines[i]).hasSize(64);
    }
    assertThat(lines[lines.length - 1].length()).isBetween(1, 64);
  }

  @Test
  void pemFormIsReadableAsPkcs8ByBouncyCastle() throws Exception {
    String pem = JwtKeys.toPem(pair.jwtPrivateKey());
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\nMII")
        .endsWith("\n-----END PRIVATE KEY-----\n");
    assertThat(pem.replace('\n', ' ').strip()).isEqualTo(pair.jwtPrivateKey());
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      assertThat(parser.readObject()).isInstanceOf(PrivateKeyInfo.class);
    }
  }

  @Test
  void jwksHasExactlyTheExpectedMembers() {
    assertThat(pair.jwks())
        .matches(
            "\\{\"keys\":\\[\\{\"use\":\"sig\",\"kty\":\"RSA\",\"n\":\"[A-Za-z0-9_-]{342}\",\"e\":\"AQAB\"}]}");
  }

  @Test
  void roundTripsAndMatches() {
    RSAPrivateCrtKey key = JwtKeys.parsePrivateKey(pair.jwtPrivateKey());
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    assertThat(JwtKeys.toEnv(key)).isEqualTo(pair.jwtPrivateKey());
    assertThat(JwtKeys.jwksOf(pair.jwtPrivateKey())).isEqualTo(pair.jwks());
    assertThat(JwtKeys.parsePrivateKey(JwtKeys.toPem(pair.jwtPrivateKey()))).isEqualTo(key);
    assertThat(pair.consistent()).isTrue();
    assertThat(JwtKeys.matches(pair.jwtPrivateKey(), pair.jwks())).isTrue();
  }

  @Test
  void mismatchIsDetected() {
    assertThat(JwtKeys.matches(pair.jwtPrivateKey(), other.jwks())).isFalse();
    assertThat(new JwtKeys(pair.jwtPrivateKey(), other.jwks()).consistent()).isFalse();
    assertThat(JwtKeys.matches(pair.jwtPrivateKey(), "not json")).isFalse();
    assertThat(JwtKeys.matches(pair.jwtPrivateKey(), "{\"keys\":[]}")).isFalse();
  }

  @Test
  void rejectsPkcs1AndGarbageWithoutShowingTheValue() {
    assertThatThrownBy(
            () ->
                JwtKeys.parsePrivateKey(
                    "-----BEGIN RSA PRIVATE KEY----- MIIEabc -----END RSA PRIVATE KEY-----"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("PKCS#1")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    String broken = pair.jwtPrivateKey().replace("MII", "XYZ");
    assertThatThrownBy(() -> JwtKeys.parsePrivateKey(broken))
        .isInstanceOf(ProvisionException.class)
        .hasMessageStartingWith(
            "error: JWT_PRIVATE_KEY is not an unencrypted PKCS#8 RSA private key")
        .message()
        .doesNotContain(broken.substring(40, 60));
    assertThatThrownBy(() -> JwtKeys.parsePrivateKey("hello"))
        .hasMessageContaining("does not start with '-----BEGIN PRIVATE KEY-----'");
  }

  @Test
  void toStringHidesThePrivateKey() {
    assertThat(pair.toString()).contains("(sensitive)").doesNotContain("BEGIN PRIVATE KEY");
  }
}
