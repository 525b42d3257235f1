package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.postgres.ManagedPostgresCommands.IsReady;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code docker exec} admin of the managed container against a real server. */
class ManagedPostgresAdminIT extends PostgresAdminContract {

  @Override
  ManagedPostgresAdmin admin() {
    return new ManagedPostgresAdmin(server::exec, server.containerName(), TestPostgres.SUPERUSER);
  }

  @Test
  void probesReadiness() {
    assertThat(admin().probe()).isEqualTo(IsReady.ACCEPTING);
    admin().awaitReady(Duration.ofSeconds(10));
  }
}
