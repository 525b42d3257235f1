package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.AdminKeyCheck.Outcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AdminKeysTest {
  private static final String NAME = "convex-self-hosted";
  private static final byte[] ZERO = new byte[32];
  private static final String KNOWN =
      "convex-self-hosted|010000000000000000000000009f7b8a31b44722d7723a770b941399c1ef7680eded0c529c";

  @Test
  void knownAnswer() {
    assertThat(AdminKeys.issue(NAME, ZERO, 1_700_000_000L, new byte[12], false)).isEqualTo(KNOWN);
    assertThat(HexFormat.of().formatHex(AdminKeyPayload.member(at(1_700_000_000L), false).encode()))
        .isEqualTo("1080e2cfaa061800");
  }

  @Test
  void knownAnswerVerifies() {
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, KNOWN);
    assertThat(check.valid()).isTrue();
    assertThat(check.outcome()).isEqualTo(Outcome.VALID);
    assertThat(check.format()).isEqualTo(AdminKeyCheck.Format.V1);
    assertThat(check.problem()).isNull();
    assertThat(check.payload()).isEqualTo(AdminKeyPayload.member(at(1_700_000_000L), false));
    assertThat(check.summary())
        .isEqualTo(
            "format 1 admin key for convex-self-hosted, issued 2023-11-14T22:13:20Z, member 0,"
                + " read-write");
    assertThat(check.toDiagnostic("secrets.adminKey")).isNull();
  }

  @Test
  void issuedKeysRoundTrip() {
    byte[] secret = secret(42);
    String key = AdminKeys.issue(NAME, secret, false);
    assertThat(key).startsWith(NAME + "|01").hasSize(NAME.length() + 1 + 74).isLowerCase();
    AdminKeyCheck check = AdminKeys.verify(NAME, secret, key);
    assertThat(check.valid()).isTrue();
    assertThat(check.payload().readOnly()).isFalse();
    assertThat(check.payload().issuedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(AdminKeys.issue(NAME, secret, false)).isNotEqualTo(key);
  }

  @Test
  void readOnlyKeysRoundTrip() {
    String key = AdminKeys.issue(NAME, ZERO, 1_700_000_000L, new byte[12], true);
    assertThat(key).hasSize(NAME.length() + 1 + 78);
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, key);
    assertThat(check.valid()).isTrue();
    assertThat(check.payload().readOnly()).isTrue();
    assertThat(check.readOnly()).isTrue();
    assertThat(AdminKeys.verify(NAME, ZERO, KNOWN).readOnly()).isFalse();
    assertThat(check.summary()).endsWith("member 0, read-only");
    assertThat(AdminKeys.verify(NAME, ZERO, AdminKeys.issue(NAME, ZERO, true)).payload().readOnly())
        .isTrue();
  }

  @Test
  void systemKeysRoundTrip() {
    AdminKeyPayload system = AdminKeyPayload.system(at(1_700_000_000L), false);
    assertThat(HexFormat.of().formatHex(system.encode())).isEqualTo("1080e2cfaa062200");
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, AdminKeys.issueSystem(NAME, ZERO, false));
    assertThat(check.valid()).isTrue();
    assertThat(check.payload().principal()).isEqualTo(AdminKeyPayload.Principal.SYSTEM);
    assertThat(check.summary()).contains("system key");
  }

  @Test
  void typePrefixIsIgnoredOnBothSides() {
    String key = "prod:" + KNOWN;
    assertThat(AdminKeys.verify(NAME, ZERO, key).valid()).isTrue();
    assertThat(AdminKeys.verify("self-hosted:" + NAME, ZERO, KNOWN).valid()).isTrue();
  }

  @Test
  void missingNamePrefix() {
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, KNOWN.substring(NAME.length() + 1));
    assertThat(check.outcome()).isEqualTo(Outcome.MISSING_NAME);
    assertThat(check.valid()).isFalse();
    assertThat(check.problem()).isEqualTo("the admin key has no '<instance name>|' prefix");
    assertThat(check.hint()).startsWith("write it as 'convex-self-hosted|<hex>'");
    assertThat(AdminKeys.verify(NAME, ZERO, null).outcome()).isEqualTo(Outcome.MISSING_NAME);
  }

  @Test
  void keyForAnotherInstanceSaysWhichName() {
    String key = AdminKeys.issue("staging", ZERO, 1_700_000_000L, new byte[12], false);
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, key);
    assertThat(check.outcome()).isEqualTo(Outcome.WRONG_INSTANCE);
    assertThat(check.carriedName()).isEqualTo("staging");
    assertThat(check.problem())
        .isEqualTo("the admin key is for instance 'staging', not 'convex-self-hosted'");
    assertThat(check.hint()).contains("INSTANCE_NAME");
  }

  @Test
  void keyFromAnotherSecret() {
    AdminKeyCheck check = AdminKeys.verify(NAME, secret(1), KNOWN);
    assertThat(check.outcome()).isEqualTo(Outcome.WRONG_SECRET);
    assertThat(check.problem())
        .isEqualTo(
            "the key was issued by a backend with a different INSTANCE_SECRET — the usual cause"
                + " of BadAdminKey after the volume was lost or the secret changed");
    assertThat(check.hint()).startsWith("issue a new key");
    assertThat(check.toDiagnostic("k").render()).startsWith("error: the key was issued");
  }

  @Test
  void badHex() {
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, KNOWN.replace("9f7b", "9g7b"));
    assertThat(check.outcome()).isEqualTo(Outcome.BAD_HEX);
    assertThat(check.problem())
        .isEqualTo("the part after '|' is not hexadecimal (first bad character at position 28)");
  }

  @Test
  void uppercaseHexIsAccepted() {
    String upper = NAME + "|" + KNOWN.substring(NAME.length() + 1).toUpperCase();
    assertThat(AdminKeys.verify(NAME, ZERO, upper).valid()).isTrue();
  }

  @Test
  void wrongLength() {
    AdminKeyCheck odd = AdminKeys.verify(NAME, ZERO, KNOWN.substring(0, KNOWN.length() - 1));
    assertThat(odd.outcome()).isEqualTo(Outcome.WRONG_LENGTH);
    assertThat(odd.problem())
        .isEqualTo(
            "the key has 73 hex digits after '|', which no admin key has (a current key has 74,"
                + " a read-only one 78)");
    assertThat(AdminKeys.verify(NAME, ZERO, NAME + "|0100").outcome())
        .isEqualTo(Outcome.WRONG_LENGTH);
    assertThat(AdminKeys.verify(NAME, ZERO, NAME + "|").outcome()).isEqualTo(Outcome.WRONG_LENGTH);
  }

  @Test
  void unknownVersion() {
    AdminKeyCheck check = AdminKeys.verify(NAME, ZERO, KNOWN.replace("|01", "|02"));
    assertThat(check.outcome()).isEqualTo(Outcome.UNKNOWN_VERSION);
    assertThat(check.problem()).isEqualTo("the key has format version 2; backends issue version 1");
  }

  @Test
  void authenticatedButNotAnAdminKey() {
    byte[] sealed = AdminKeyCipher.seal(ZERO, new byte[12], HexFormat.of().parseHex("18001800"));
    AdminKeyCheck check =
        AdminKeys.verify(NAME, ZERO, NAME + "|" + HexFormat.of().formatHex(sealed));
    assertThat(check.outcome()).isEqualTo(Outcome.MALFORMED_PAYLOAD);
    assertThat(check.problem())
        .isEqualTo(
            "the key decrypts with this secret but does not hold an admin key: the key has no"
                + " issue time (issued_s)");
  }

  @Test
  void legacyKeyIsAcceptedWithAWarning() {
    byte[] secret = secret(9);
    byte[] plain = AdminKeyPayload.member(at(1_600_000_000L), false).encode();
    String key = NAME + "|" + LegacyAdminKeyEncoder.hex(secret, new byte[24], plain);
    AdminKeyCheck check = AdminKeys.verify(NAME, secret, key);
    assertThat(check.outcome()).isEqualTo(Outcome.VALID_LEGACY);
    assertThat(check.valid()).isTrue();
    assertThat(check.format()).isEqualTo(AdminKeyCheck.Format.LEGACY);
    assertThat(check.problem())
        .isEqualTo("legacy format, still accepted by current backends; issue a new one");
    assertThat(check.toDiagnostic("k").render()).startsWith("warning: legacy format");
    assertThat(check.summary()).startsWith("legacy admin key for convex-self-hosted, issued 2020");
    assertThat(AdminKeys.verify(NAME, secret(10), key).outcome()).isEqualTo(Outcome.WRONG_SECRET);
  }

  @Test
  void legacyKeyCarryingAnotherNameInside() {
    byte[] secret = secret(9);
    AdminKeyPayload inside =
        new AdminKeyPayload(at(1_600_000_000L), AdminKeyPayload.Principal.MEMBER, 0, false, "old");
    String key = NAME + "|" + LegacyAdminKeyEncoder.hex(secret, new byte[24], inside.encode());
    AdminKeyCheck check = AdminKeys.verify(NAME, secret, key);
    assertThat(check.outcome()).isEqualTo(Outcome.WRONG_INSTANCE);
    assertThat(check.carriedName()).isEqualTo("old");
  }

  /** Development fixtures published with the backend (instance "carnitas"), legacy format. */
  @Test
  void backendDevelopmentFixturesAreLegacyKeys() {
    byte[] secret =
        HexFormat.of().parseHex("4361726e697461732c206c69746572616c6c79206d65616e696e6720226c6974");
    String admin =
        "carnitas|0135d8598650f8f5cb0f30c34ec2e2bb62793bc28717c8eb6fb577996d50be5f4281b5918109"
            + "5065c5d0f86a2c31ddbe9b597ec62b47ded69782cd";
    String system =
        "carnitas|01ec1dc4339bc4a2c653e70016b1e1dea952bcfd707a0cd49c1bddcdfcd4d4a79bb2d6bdfa2f"
            + "1493a1937cdb71e984c4a7";
    AdminKeyCheck adminCheck = AdminKeys.verify("carnitas", secret, admin);
    assertThat(adminCheck.outcome()).isEqualTo(Outcome.VALID_LEGACY);
    assertThat(adminCheck.payload().principal()).isEqualTo(AdminKeyPayload.Principal.MEMBER);
    AdminKeyCheck systemCheck = AdminKeys.verify("carnitas", secret, system);
    assertThat(systemCheck.outcome()).isEqualTo(Outcome.VALID_LEGACY);
    assertThat(systemCheck.payload().principal()).isEqualTo(AdminKeyPayload.Principal.SYSTEM);
  }

  @Test
  void messagesNeverContainTheKey() {
    String key = AdminKeys.issue(NAME, ZERO, false);
    String hex = key.substring(NAME.length() + 1);
    for (AdminKeyCheck check :
        new AdminKeyCheck[] {
          AdminKeys.verify(NAME, secret(1), key),
          AdminKeys.verify(NAME, ZERO, hex),
          AdminKeys.verify(NAME, ZERO, key + "0")
        }) {
      assertThat(check.problem() + check.hint()).doesNotContain(hex.substring(2, 20));
    }
  }

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static byte[] secret(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
