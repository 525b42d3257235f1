package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Convex Auth with GitHub end to end: the deployment env vars read back as the spec says, the JWT
 * key pair matches, the admin key in .env.local works, and changing the provider secret plans as
 * exactly one masked env change. The frontend's env file gets the API and site URLs under Next.js
 * names (auth is on), keeps the app's own lines, is 0600 and holds no admin key. No secret value
 * appears in any output of the run.
 */
class AuthGithubIT {
  private static final String SPEC = Path.of("..", "specs", "auth-github.yaml").toString();
  private static final String FIRST = "gh-secret-first-4f1c2a";
  private static final String SECOND = "gh-secret-second-9d8e7b";

  @Test
  void envVarsKeysAndAMaskedProviderSecretChange() throws Exception {
    try (E2e e = new E2e()) {
      Path envFile = e.dir.resolve(".env.local");
      e.env.put("AUTH_GITHUB_SECRET", FIRST);
      Path frontend = e.dir.resolve("web").resolve(".env");
      Files.createDirectories(frontend.getParent());
      Files.writeString(frontend, "# the app's own\nNEXT_PUBLIC_THEME=dark\n");
      String[] extra = {
        "--set",
        "outputs.envFile=" + envFile,
        "--set",
        "dashboard.enabled=false",
        "--set",
        "outputs.frontendEnv.path=" + frontend,
        "--set",
        "outputs.frontendEnv.framework=next"
      };

      E2e.Run apply = e.run("apply", SPEC, PostgresManagedIT.with(extra, "--yes"));
      assertThat(apply.code()).as(apply.all()).isZero();

      String key = Live.envFileValue(envFile, "CONVEX_SELF_HOSTED_ADMIN_KEY");
      String site = Live.envFileValue(frontend, "NEXT_PUBLIC_CONVEX_SITE_URL");
      assertThat(Files.readString(frontend))
          .isEqualTo(
              "# the app's own\nNEXT_PUBLIC_THEME=dark\nNEXT_PUBLIC_CONVEX_SITE_URL='"
                  + site
                  + "'\nNEXT_PUBLIC_CONVEX_URL='"
                  + e.cloudUrl()
                  + "'\n");
      assertThat(site).startsWith("http://127.0.0.1:").isNotEqualTo(e.cloudUrl());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(frontend)))
          .isEqualTo("rw-------");
      assertThat(PostgresAuthChecks.envFileKeyWorks(e, envFile)).isEqualTo(key);
      SortedMap<String, String> vars = PostgresAuthChecks.authVarsSet(e, key, FIRST);

      E2e.Run same = e.run("plan", SPEC, PostgresManagedIT.with(extra, "--detailed-exitcode"));
      assertThat(same.code()).as(same.all()).isZero();

      e.env.put("AUTH_GITHUB_SECRET", SECOND);
      E2e.Run plan = e.run("plan", SPEC, PostgresManagedIT.with(extra, "--format", "json"));
      JsonNode changes = Live.json(plan.out()).path("changes");
      assertThat(changes).hasSize(1);
      JsonNode change = changes.get(0);
      assertThat(change.path("address").asText()).isEqualTo("env.AUTH_GITHUB_SECRET");
      assertThat(change.path("action").asText()).isEqualTo("update");
      assertThat(change.path("attributes").get(0).path("sensitive").asBoolean()).isTrue();
      E2e.Run text = e.run("plan", SPEC, extra);
      assertThat(text.out()).contains("(sensitive, changed)");

      E2e.Run second = e.run("apply", SPEC, PostgresManagedIT.with(extra, "--yes"));
      assertThat(second.code()).as(second.all()).isZero();
      assertThat(Live.api(e.cloudUrl(), key).listEnvironmentVariables())
          .containsEntry("AUTH_GITHUB_SECRET", SECOND);

      String everything = String.join("\n", e.outputs);
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      assertThat(everything)
          .doesNotContain(FIRST)
          .doesNotContain(SECOND)
          .doesNotContain(secret)
          .doesNotContain(key)
          .doesNotContain(vars.get("JWT_PRIVATE_KEY").substring(40, 80));
    }
  }
}
