package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.model.Auth;
import dev.provision.model.AuthProvider;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.testing.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigTest {
  @TempDir Path dir;

  private static Spec withAuth(Auth auth) {
    Spec s = TestSpecs.quickstart();
    return s.toBuilder().auth(auth).build();
  }

  @Test
  void fileAndCallbacksOnTheSiteOrigin() throws Exception {
    Auth auth =
        new Auth(
            true,
            "http://localhost:5173",
            List.of(
                new AuthProvider(
                    "github",
                    AuthProvider.Type.GITHUB,
                    Value.plain("id"),
                    Value.secret("s"),
                    null,
                    null),
                new AuthProvider(
                    "resend", AuthProvider.Type.RESEND, null, null, null, Value.secret("k"))));

    AuthConfig config = AuthConfig.of(withAuth(auth));

    assertThat(config.fileContent())
        .isEqualTo(
            "export default { providers: [{ domain:"
                + " process.env.CONVEX_SITE_URL, applicationID: \"convex\" }] };\n");
    assertThat(config.callbackUrls())
        .containsExactly(
            java.util.Map.entry("github", "http://127.0.0.1:3211/api/auth/callback/github"));
    assertThat(config.siteUrl()).isEqualTo("http://localhost:5173");
    Path file = dir.resolve("convex/auth.config.ts");
    config.write(file);
    assertThat(Files.readString(file)).isEqualTo(config.fileContent());
  }

  @Test
  void disabledAuthIsAClearError() {
    assertThatThrownBy(() -> AuthConfig.of(withAuth(Auth.disabled())))
        .hasMessageContaining("Convex Auth is not enabled in app.yaml")
        .hasMessageContaining("add an auth: section");
  }
}
