package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import org.junit.jupiter.api.Test;

class RestoreRightsTest {
  @Test
  void aSuperuserMayRestoreWhateverItOwns() {
    assertThat(new RestoreRights("boss", "app", true, false, false).refusal()).isEmpty();
  }

  @Test
  void anOwnerWithCreateDbMayRestore() {
    assertThat(new RestoreRights("convex", "app", false, true, true).refusal()).isEmpty();
  }

  @Test
  void withoutCreateDbTheRoleAndTheCommandAreNamed() {
    Diagnostic d =
        new RestoreRights("convex", "app", false, false, true)
            .refusal()
            .orElseThrow()
            .diagnostics()
            .get(0);
    assertThat(d.message())
        .isEqualTo(
            "restore needs to drop and create database app, but role convex lacks the CREATEDB"
                + " privilege; nothing was stopped or changed");
    assertThat(d.hint()).isEqualTo("as a superuser, run: ALTER ROLE \"convex\" CREATEDB");
  }

  @Test
  void aRoleThatDoesNotOwnTheDatabaseIsToldHowToTakeIt() {
    Diagnostic d =
        new RestoreRights("we\"ird", "app", false, true, false)
            .refusal()
            .orElseThrow()
            .diagnostics()
            .get(0);
    assertThat(d.message()).contains("role we\"ird does not own it");
    assertThat(d.hint())
        .isEqualTo("as a superuser, run: ALTER DATABASE \"app\" OWNER TO \"we\"\"ird\"");
  }
}
