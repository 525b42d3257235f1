package dev.provision.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No domain fact is written twice: each Convex, Postgres and provision fact below (an env-file key,
 * a container port, a default image, a secrets-file key, an env var name, a path the backend
 * serves) occurs as a literal exactly once in the engine's and the CLI's main sources (comments and
 * Javadoc aside); everything else names the constant. A fact spelled in two places can drift apart
 * in one of them.
 *
 * <p>A literal counts when it is the whole string (or number): a message that mentions a fact in a
 * sentence is display text and does not count.
 */
class DomainFactsOnceTest {
  private static final List<SourceLiterals.Literal> LITERALS =
      SourceLiterals.under(Path.of("src/main/java"), Path.of("../cli/src/main/java"));

  /** The facts, each expected once. */
  static Stream<String> facts() {
    return Stream.of(
        // the app's env file
        "CONVEX_SELF_HOSTED_URL",
        "CONVEX_SELF_HOSTED_ADMIN_KEY",
        "CONVEX_DEPLOYMENT",
        // ports inside the containers
        "3210",
        "3211",
        "6791",
        "5432",
        // default images
        "ghcr.io/get-convex/convex-backend:latest",
        "postgres:17",
        // the secrets file's keys
        "instanceSecret",
        "postgresPassword",
        "jwtPrivateKey",
        // the backend's env vars
        "INSTANCE_SECRET",
        "INSTANCE_NAME",
        "POSTGRES_URL",
        "CONVEX_CLOUD_ORIGIN",
        "CONVEX_SITE_ORIGIN",
        "CONVEX_CLOUD_URL",
        "CONVEX_SITE_URL",
        "DISABLE_BEACON",
        "REDACT_LOGS_TO_CLIENT",
        "DO_NOT_REQUIRE_SSL",
        "PG_CA_FILE",
        "AWS_REGION",
        "PROVISION_MANAGED_ENV",
        "JWT_PRIVATE_KEY",
        "JWKS",
        "SITE_URL",
        // the dashboard's and the Postgres image's env vars
        "NEXT_PUBLIC_DEPLOYMENT_URL",
        "POSTGRES_PASSWORD",
        "POSTGRES_USER",
        // paths
        "/convex/data",
        "/var/lib/postgresql/data",
        "/version",
        "/instance_name",
        "/api/check_admin_key",
        "/api/v1/list_environment_variables",
        "/api/v1/update_environment_variables",
        "/api/v1/update_canonical_url",
        // the backend's default instance name
        "convex-self-hosted");
  }

  /**
   * Literals allowed beyond the one definition, by file, each with its reason. Remove an entry when
   * its file names the constant.
   */
  private static final Map<String, List<String>> ALLOWED =
      Map.of(
          // the Docker Engine API's /version: another fact that happens to be spelled alike
          "/version", List.of("VersionProbe.java"));

  @ParameterizedTest
  @MethodSource("facts")
  void eachFactIsWrittenOnce(String fact) {
    List<String> allowed = ALLOWED.getOrDefault(fact, List.of());
    List<String> where =
        LITERALS.stream()
            .filter(l -> l.text().equals(fact))
            .map(SourceLiterals.Literal::toString)
            .toList();
    List<String> extra =
        where.stream().filter(w -> !allowed.contains(w.substring(0, w.indexOf(':')))).toList();
    assertThat(where)
        .as("%s is a literal at %s; expected once plus %s", fact, where, allowed)
        .hasSize(1 + allowed.size());
    assertThat(extra).as("%s outside the allowed files", fact).hasSize(1);
  }
}
