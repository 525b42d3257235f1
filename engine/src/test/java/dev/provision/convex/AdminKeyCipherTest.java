package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AdminKeyCipherTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void derivesTheKnownAesKeyFromAZeroSecret() {
    assertThat(HEX.formatHex(AdminKeyCipher.deriveKey(new byte[32])))
        .isEqualTo("2178024442c6a40f38dcdd2b7e329bc3");
  }

  @Test
  void sealsAndOpensFormatOne() {
    byte[] secret = filled(7);
    byte[] sealed = AdminKeyCipher.seal(secret, new byte[12], HEX.parseHex("1080e2cfaa061800"));
    assertThat(sealed).hasSize(1 + 12 + 8 + 16);
    assertThat(AdminKeyCipher.open(secret, sealed))
        .hasValueSatisfying(
            plain -> assertThat(HEX.formatHex(plain)).isEqualTo("1080e2cfaa061800"));
    assertThat(AdminKeyCipher.open(filled(8), sealed)).isEmpty();
  }

  @Test
  void formatOneRejectsAFlippedBit() {
    byte[] secret = filled(7);
    byte[] sealed = AdminKeyCipher.seal(secret, new byte[12], new byte[] {1, 2, 3});
    sealed[sealed.length - 1] ^= 1;
    assertThat(AdminKeyCipher.open(secret, sealed)).isEmpty();
  }

  /** Vector published with the backend's legacy encryptor: secret 32 x 0x27, "hello world". */
  @Test
  void opensTheBackendsOwnLegacyVector() {
    String encrypted =
        "010a1e6e07e418a1791e491de168a62e37abce83f3453b3d01c358d38771815433f8ecba285de5a47ef"
            + "fe43bd3d5f1a0087788857987";
    byte[] plain = AdminKeyCipher.openLegacy(filled(39), HEX.parseHex(encrypted)).orElseThrow();
    assertThat(plain[0]).isEqualTo((byte) 0x0a);
    assertThat(plain[1]).isEqualTo((byte) 11);
    assertThat(new String(plain, 2, 11, StandardCharsets.UTF_8)).isEqualTo("hello world");
  }

  @Test
  void legacyRoundTripAndWrongSecret() {
    byte[] secret = filled(3);
    byte[] nonce = filled24(5);
    String hex = LegacyAdminKeyEncoder.hex(secret, nonce, new byte[] {9, 8, 7});
    assertThat(AdminKeyCipher.openLegacy(secret, HEX.parseHex(hex)))
        .hasValueSatisfying(p -> assertThat(p).containsExactly(9, 8, 7));
    assertThat(AdminKeyCipher.openLegacy(filled(4), HEX.parseHex(hex))).isEmpty();
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] filled24(int value) {
    byte[] bytes = new byte[24];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
