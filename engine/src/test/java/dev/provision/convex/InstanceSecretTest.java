package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import org.junit.jupiter.api.Test;

class InstanceSecretTest {
  private static final String HEX =
      "4361726e697461732c206c69746572616c6c79206d65616e696e6720226c6974";

  @Test
  void generatesSixtyFourLowercaseHexDigits() {
    InstanceSecret secret = InstanceSecret.generate();
    assertThat(secret.hex()).matches("[0-9a-f]{64}");
    assertThat(secret.bytes()).hasSize(32);
    assertThat(InstanceSecret.generate()).isNotEqualTo(secret);
  }

  @Test
  void parsesAndNormalises() {
    InstanceSecret secret = InstanceSecret.parse(" " + HEX.toUpperCase() + "\n", "secrets.file");
    assertThat(secret.hex()).isEqualTo(HEX);
    assertThat(secret.bytes()[0]).isEqualTo((byte) 0x43);
    assertThat(secret)
        .isEqualTo(InstanceSecret.parse(HEX, "x"))
        .hasSameHashCodeAs(InstanceSecret.parse(HEX, "x"));
  }

  @Test
  void toStringHidesTheValue() {
    assertThat(InstanceSecret.parse(HEX, "x").toString()).isEqualTo("InstanceSecret(sensitive)");
  }

  @Test
  void rejectsTheWrongLengthWithoutShowingTheValue() {
    String bad = HEX.substring(0, 63);
    assertThatThrownBy(() -> InstanceSecret.parse(bad, "secrets.instanceSecret"))
        .isInstanceOf(ProvisionException.class)
        .hasMessage(
            "error: the Convex instance secret is not 64 hex digits\n"
                + "  at: secrets.instanceSecret\n"
                + "  expected: exactly 64 characters 0-9 a-f (32 bytes)\n"
                + "  found: 63 characters\n"
                + "  hint: generate one with `openssl rand -hex 32`, or leave it out and provision"
                + " generates and keeps one; the backend refuses to start with any other form")
        .message()
        .doesNotContain(bad.substring(0, 8));
  }

  @Test
  void rejectsNonHexAndEmpty() {
    String bad = "z".repeat(2) + HEX.substring(2);
    assertThatThrownBy(() -> InstanceSecret.parse(bad, "k"))
        .hasMessageContaining("found: 64 characters, 2 of them not hex digits")
        .message()
        .doesNotContain(HEX.substring(2, 12));
    assertThatThrownBy(() -> InstanceSecret.parse(null, "k"))
        .hasMessageContaining("found: an empty value");
    assertThat(InstanceSecret.isValid(HEX)).isTrue();
    assertThat(InstanceSecret.isValid(HEX + "0")).isFalse();
  }
}
