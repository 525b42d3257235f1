package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.engine.DoctorCheck.Status;
import dev.provision.model.FrontendEnv.Framework;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's app-side checks: the frontend env file and stray Convex cloud variables. */
class AppSideChecksTest {
  @TempDir Path dir;

  @Test
  void nothingConfiguredAndACleanShellPass() {
    List<DoctorCheck> checks = AppSideChecks.check(new Deployment(dir).spec(), Map.of("HOME", "/"));
    assertThat(checks)
        .containsExactly(
            DoctorCheck.skip("frontend env file", "outputs.frontendEnv is not set in the spec"),
            DoctorCheck.ok(
                "stray Convex variables",
                "none of CONVEX_ADMIN_KEY, CONVEX_DEPLOY_KEY, CONVEX_DEPLOYMENT"));
  }

  @Test
  void aFrontendFileWithTheBackendsUrlsPasses() throws IOException {
    Deployment d = new Deployment(dir).frontendEnv(".env", Framework.VITE, true);
    Files.writeString(
        dir.resolve(".env"),
        "VITE_CONVEX_URL='http://127.0.0.1:3210'\nVITE_CONVEX_SITE_URL='http://127.0.0.1:3211'\n");
    assertThat(AppSideChecks.check(d.spec(), Map.of()).get(0))
        .isEqualTo(
            DoctorCheck.ok(
                "frontend env file",
                dir.resolve(".env") + " points the browser at http://127.0.0.1:3210"));
  }

  @Test
  void aUrlTheBrowserCannotReachFailsWithWhyAndWhatToDo() throws IOException {
    Deployment d = new Deployment(dir).frontendEnv(".env", Framework.NEXT, false);
    Files.writeString(dir.resolve(".env"), "NEXT_PUBLIC_CONVEX_URL=http://0.0.0.0:3210\n");
    DoctorCheck c = AppSideChecks.check(d.spec(), Map.of()).get(0);
    assertThat(c.status()).isEqualTo(Status.FAIL);
    assertThat(c.detail())
        .isEqualTo(
            "NEXT_PUBLIC_CONVEX_URL is http://0.0.0.0:3210, the backend's is"
                + " http://127.0.0.1:3210; NEXT_PUBLIC_CONVEX_URL: http://0.0.0.0:3210 uses"
                + " 0.0.0.0, a listen address: neither a browser nor the Convex CLI can connect"
                + " to it");
    assertThat(c.hint())
        .isEqualTo(
            "`provision apply "
                + dir.resolve("app.yaml")
                + "` writes it; set backend.origins.cloud to the URL the app's machine reaches,"
                + " e.g. http://127.0.0.1:PORT locally or the public https URL");
  }

  /** The frontend env file holds no admin key: its plain-http warning says what is exposed. */
  @Test
  void plainHttpInTheFrontendFileIsWordedForTheBrowser() throws IOException {
    Deployment d = new Deployment(dir).frontendEnv(".env", Framework.VITE, false);
    Files.writeString(dir.resolve(".env"), "VITE_CONVEX_URL=http://10.0.0.5:3210\n");
    DoctorCheck c = AppSideChecks.check(d.spec(), Map.of()).get(0);
    assertThat(c.status()).isEqualTo(Status.FAIL);
    assertThat(c.detail())
        .isEqualTo(
            "VITE_CONVEX_URL is http://10.0.0.5:3210, the backend's is http://127.0.0.1:3210;"
                + " VITE_CONVEX_URL: http://10.0.0.5:3210 is plain http to 10.0.0.5: the app's"
                + " queries, their data and its users' auth tokens travel unencrypted, and a page"
                + " served over https may not connect to it (mixed content)")
        .doesNotContain("admin key");
    assertThat(c.hint())
        .isEqualTo(
            "`provision apply "
                + dir.resolve("app.yaml")
                + "` writes it; put a TLS proxy in front and set an https backend.origins.cloud");
  }

  @Test
  void aMissingSiteUrlOrFileFails() throws IOException {
    Deployment d = new Deployment(dir).frontendEnv(".env", Framework.PLAIN, true);
    assertThat(AppSideChecks.check(d.spec(), Map.of()).get(0).detail())
        .isEqualTo(dir.resolve(".env") + " does not exist or cannot be read");
    Files.writeString(dir.resolve(".env"), "CONVEX_URL=http://127.0.0.1:3210/\n");
    assertThat(AppSideChecks.check(d.spec(), Map.of()).get(0).detail())
        .isEqualTo("no CONVEX_SITE_URL line");
  }

  @Test
  void strayVariablesAreNamedWithWhereButNeverTheirValues() throws IOException {
    Deployment d =
        new Deployment(dir).envFile(".env.local").frontendEnv(".env", Framework.VITE, false);
    Files.writeString(dir.resolve(".env.local"), "CONVEX_DEPLOYMENT=dev:happy-cat-123\n");
    Files.writeString(
        dir.resolve(".env"),
        "VITE_CONVEX_URL=http://127.0.0.1:3210\nCONVEX_ADMIN_KEY=leaked-admin-key-value\n");
    Map<String, String> shell =
        Map.of("CONVEX_DEPLOY_KEY", "prod:secret-deploy-key", "CONVEX_DEPLOYMENT", " ");

    DoctorCheck c = AppSideChecks.check(d.spec(), shell).get(1);

    assertThat(c.status()).isEqualTo(Status.FAIL);
    assertThat(c.detail())
        .isEqualTo(
            "CONVEX_DEPLOY_KEY in the shell environment; CONVEX_DEPLOYMENT in "
                + dir.resolve(".env.local")
                + "; CONVEX_ADMIN_KEY in "
                + dir.resolve(".env"));
    assertThat(c.detail() + c.hint())
        .doesNotContain("secret-deploy-key", "leaked-admin-key-value", "happy-cat");
  }
}
