package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigCommandTest {
  static final Path GITHUB = Path.of("..", "specs", "auth-github.yaml");
  static final String CLIENT_SECRET = "gh-client-secret-0123456789";
  static final Map<String, String> ENV = Map.of("AUTH_GITHUB_SECRET", CLIENT_SECRET);

  @TempDir Path dir;

  @Test
  void printsTheFileAndTheCallbackUrls() {
    CliRun run = CliRun.of(ENV, "auth-config", GITHUB.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "// convex/auth.config.ts\n"
                + "export default { providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID:"
                + " \"convex\" }] };\n"
                + "\n"
                + "Register these OAuth callback URLs with the providers:\n"
                + "  github: http://127.0.0.1:3211/api/auth/callback/github\n"
                + "Users come back to SITE_URL http://localhost:5173 after signing in.\n");
    assertThat(run.all()).doesNotContain(CLIENT_SECRET);
  }

  @Test
  void writesTheFileWithOut() throws Exception {
    Path file = dir.resolve("convex").resolve("auth.config.ts");

    CliRun run = CliRun.of(ENV, "auth-config", GITHUB.toString(), "--out", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("wrote " + file + "\n\nRegister these OAuth callback URLs");
    assertThat(Files.readString(file))
        .isEqualTo(
            "export default { providers: [{ domain:"
                + " process.env.CONVEX_SITE_URL, applicationID: \"convex\" }] };\n");
  }

  @Test
  void withoutAuthItSaysSoAndExits1() {
    Path quickstart = Path.of("..", "specs", "quickstart.yaml");

    CliRun run = CliRun.of("auth-config", quickstart.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: Convex Auth is not enabled in ")
        .contains("hint: add an auth: section with siteUrl and providers");
  }
}
