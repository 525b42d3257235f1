package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import org.junit.jupiter.api.Test;

class ToolsVersionTest {
  @Test
  void readsTheMajorOfPgDumpVersion() {
    assertThat(ToolsVersion.major("pg_dump (PostgreSQL) 17.2 (Debian 17.2-1.pgdg120+1)\n"))
        .contains(17);
    assertThat(ToolsVersion.major("pg_dump (PostgreSQL) 9.6.24")).contains(9);
    assertThat(ToolsVersion.major("pg_dump (PostgreSQL) 18beta1")).contains(18);
    assertThat(ToolsVersion.major("sh: pg_dump: not found")).isEmpty();
  }

  @Test
  void anOlderPgDumpIsRefusedWithWhatToSet() {
    ProvisionException e = ToolsVersion.refusal(15, 17, "postgres:15").orElseThrow();
    assertThat(e.diagnostics().get(0).message())
        .isEqualTo("pg_dump 15 (image postgres:15) cannot dump a 17 server; nothing was stopped");
    assertThat(e.diagnostics().get(0).hint())
        .isEqualTo("set database.postgres.external.toolsImage to postgres:17 or newer");
  }

  @Test
  void theSameOrANewerPgDumpIsAccepted() {
    assertThat(ToolsVersion.refusal(17, 17, "postgres:17")).isEmpty();
    assertThat(ToolsVersion.refusal(18, 16, "postgres:18")).isEmpty();
  }
}
