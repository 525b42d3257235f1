package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.postgres.ManagedPostgresCommands.IsReady;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresUrls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code docker exec} admin of the managed container against a real server. */
class ManagedPostgresAdminIT extends PostgresAdminContract {

  @Override
  ManagedPostgresAdmin admin() {
    return new ManagedPostgresAdmin(server::exec, server.containerName(), TestPostgres.SUPERUSER);
  }

  @Test
  void theBackendUrlLogsInWithAnEncodedPassword() {
    Value url =
        PostgresUrls.backendUrl(
            PostgresUrls.managed(
                "127.0.0.1", TestPostgres.SUPERUSER, Value.secret(TestPostgres.SUPER_PASSWORD)));

    // libpq parses the URL the way the backend must: the password has @:/?#% and a space.
    String user =
        server.run(
            "psql", "-X", url.text(), "-tAc", "SELECT current_user || '@' || current_database()");
    assertThat(user.strip()).isEqualTo("boss@boss");
    Value wrong =
        PostgresUrls.backendUrl(
            PostgresUrls.managed("127.0.0.1", TestPostgres.SUPERUSER, Value.secret("wrong")));
    assertThat(
            server
                .exec(
                    server.containerName(), List.of("psql", "-X", wrong.text(), "-tAc", "SELECT 1"))
                .ok())
        .as("the server checks passwords on 127.0.0.1, so the login above proves the encoding")
        .isFalse();
  }

  @Test
  void probesReadiness() {
    assertThat(admin().probe()).isEqualTo(IsReady.ACCEPTING);
    admin().awaitReady(Duration.ofSeconds(10));
  }
}
