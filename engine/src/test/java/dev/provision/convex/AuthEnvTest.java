package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Auth;
import dev.provision.model.AuthProvider;
import dev.provision.model.AuthProvider.Type;
import dev.provision.model.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthEnvTest {
  private static final AuthProvider GITHUB =
      new AuthProvider(
          "github", Type.GITHUB, Value.plain("gh-id"), Value.plain("gh-secret"), null, null);
  private static final AuthProvider OKTA =
      new AuthProvider(
          "my-okta",
          Type.OIDC,
          Value.plain("okta-id"),
          Value.secret("okta-secret"),
          "https://example.okta.com",
          null);
  private static final AuthProvider RESEND =
      new AuthProvider("resend", Type.RESEND, null, null, null, Value.plain("re_123"));
  private static final Auth AUTH =
      new Auth(true, "https://app.example.com", List.of(GITHUB, OKTA, RESEND));

  @Test
  void providerVariablesByType() {
    Map<String, Value> vars = AuthEnv.providerVariables(AUTH);
    assertThat(vars.keySet())
        .containsExactly(
            "AUTH_GITHUB_ID",
            "AUTH_GITHUB_SECRET",
            "AUTH_MY_OKTA_ID",
            "AUTH_MY_OKTA_ISSUER",
            "AUTH_MY_OKTA_SECRET",
            "AUTH_RESEND_KEY",
            "SITE_URL");
    assertThat(vars.get("AUTH_GITHUB_ID")).isEqualTo(Value.plain("gh-id"));
    assertThat(vars.get("AUTH_GITHUB_SECRET")).isEqualTo(Value.secret("gh-secret"));
    assertThat(vars.get("AUTH_MY_OKTA_ISSUER")).isEqualTo(Value.plain("https://example.okta.com"));
    assertThat(vars.get("AUTH_RESEND_KEY").sensitive()).isTrue();
    assertThat(vars.get("SITE_URL")).isEqualTo(Value.plain("https://app.example.com"));
  }

  @Test
  void allVariablesIncludeTheKeyPair() {
    JwtKeys keys = new JwtKeys("-----BEGIN PRIVATE KEY----- x -----END PRIVATE KEY-----", "{}");
    Map<String, Value> vars = AuthEnv.variables(AUTH, keys);
    assertThat(vars.get("JWT_PRIVATE_KEY").sensitive()).isTrue();
    assertThat(vars.get("JWKS")).isEqualTo(Value.plain("{}"));
    assertThat(vars).hasSize(9);
  }

  @Test
  void disabledAuthSetsNothing() {
    assertThat(AuthEnv.providerVariables(Auth.disabled())).isEmpty();
    assertThat(AuthEnv.variables(Auth.disabled(), null)).isEmpty();
    assertThat(AuthEnv.callbackUrls("https://x", Auth.disabled())).isEmpty();
  }

  @Test
  void missingValuesAreAllReportedWithoutSecrets() {
    AuthProvider noSecret =
        new AuthProvider("google", Type.GOOGLE, Value.plain("id"), null, null, null);
    AuthProvider noIssuer =
        new AuthProvider("okta", Type.OIDC, Value.plain("id"), Value.secret("s3cr3t"), null, null);
    Auth auth = new Auth(true, null, List.of(noSecret, noIssuer));
    assertThatThrownBy(() -> AuthEnv.providerVariables(auth))
        .isInstanceOf(ProvisionException.class)
        .satisfies(e -> assertThat(((ProvisionException) e).diagnostics()).hasSize(3))
        .hasMessageContaining("at: auth.siteUrl")
        .hasMessageContaining("auth provider 'google' needs a value for AUTH_GOOGLE_SECRET")
        .hasMessageContaining("at: auth.providers[1].issuer")
        .message()
        .doesNotContain("s3cr3t");
  }

  @Test
  void authConfigIsExact() {
    assertThat(AuthEnv.authConfigTs())
        .isEqualTo(
            "export default { providers: [{ domain: process.env.CONVEX_SITE_URL,"
                + " applicationID: \"convex\" }] };\n");
    assertThat(AuthEnv.authConfigTs("SITE_ORIGIN")).contains("process.env.SITE_ORIGIN,");
    assertThatThrownBy(() -> AuthEnv.authConfigTs("x; alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callbackUrls() {
    assertThat(AuthEnv.callbackUrl("https://api.example.com/http/", GITHUB))
        .isEqualTo("https://api.example.com/http/api/auth/callback/github");
    assertThat(AuthEnv.callbackUrls("https://site.example.com", AUTH))
        .containsExactly(
            Map.entry("github", "https://site.example.com/api/auth/callback/github"),
            Map.entry("my-okta", "https://site.example.com/api/auth/callback/my-okta"));
  }
}
