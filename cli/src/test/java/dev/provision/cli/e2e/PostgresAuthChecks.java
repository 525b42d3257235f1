package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.JwtKeys;
import dev.provision.driver.HostDriver;
import dev.provision.driver.postgres.ManagedPostgresAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SortedMap;

/**
 * The managed Postgres and Convex Auth checks every target passes (local Docker in {@link
 * PostgresManagedIT} and {@link AuthGithubIT}, a Swarm in {@link SwarmPostgresAuthIT}): the
 * database named after the instance exists, the backend answers, .env.local (0600) holds a working
 * admin key, and the auth env vars and a matching JWT key pair are set on the deployment.
 */
final class PostgresAuthChecks {
  /** The GitHub client id of specs/auth-github.yaml. */
  static final String GITHUB_ID = "Iv1.0123456789abcdef";

  /** The site URL of specs/auth-github.yaml. */
  static final String SITE_URL = "http://localhost:5173";

  private PostgresAuthChecks() {}

  /** The database named after the instance exists in the managed Postgres, and the backend runs. */
  static void databaseExistsAndBackendServes(E2e e) {
    try (HostDriver target = e.docker()) {
      ManagedPostgresAdmin pg =
          new ManagedPostgresAdmin(target::exec, e.deployment + "-postgres", "convex");
      assertThat(pg.databaseExists(e.deployment.replace('-', '_'))).isTrue();
    }
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
  }

  /** The env file is 0600 and its admin key is accepted by the backend; returns the key. */
  static String envFileKeyWorks(E2e e, Path envFile) throws IOException {
    assertThat(Files.getPosixFilePermissions(envFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(envFile)).contains("CONVEX_SELF_HOSTED_URL='" + e.cloudUrl() + "'");
    String key = Live.envFileValue(envFile, "CONVEX_SELF_HOSTED_ADMIN_KEY");
    assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();
    return key;
  }

  /**
   * The deployment's env vars hold the spec's auth settings with {@code providerSecret}, and a JWT
   * key pair that matches; returns them all.
   */
  static SortedMap<String, String> authVarsSet(E2e e, String key, String providerSecret) {
    SortedMap<String, String> vars = Live.api(e.cloudUrl(), key).listEnvironmentVariables();
    assertThat(vars)
        .containsEntry("SITE_URL", SITE_URL)
        .containsEntry("AUTH_GITHUB_ID", GITHUB_ID)
        .containsEntry("AUTH_GITHUB_SECRET", providerSecret);
    assertThat(vars.get("JWT_PRIVATE_KEY")).startsWith("-----BEGIN PRIVATE KEY----- ");
    assertThat(JwtKeys.matches(vars.get("JWT_PRIVATE_KEY"), vars.get("JWKS"))).isTrue();
    return vars;
  }
}
