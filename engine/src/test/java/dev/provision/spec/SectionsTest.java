package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.AuthProvider;
import dev.provision.model.Database;
import dev.provision.model.FrontendEnv;
import dev.provision.model.Spec;
import dev.provision.model.Target;
import dev.provision.model.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each section turns into the model: defaults, types, sensitivity, resolved paths. */
class SectionsTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n  image: "
          + "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n";

  @TempDir Path dir;

  private Spec read(String body) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, body);
    return Fixtures.reader().read(file, List.of()).spec();
  }

  @Test
  void managedPostgresDefaults() throws IOException {
    Spec spec = read(HEAD + "database:\n  postgres:\n    managed:\n");
    assertThat(spec.database())
        .isEqualTo(new Database.ManagedPostgres("postgres:17", "app-pgdata", "convex", null));
  }

  @Test
  void wildcardBindDefaultsOriginsToLoopback() throws IOException {
    Spec spec = read(HEAD + "  bind: 0.0.0.0\n  ports: {api: 8000, site: 8001}\n");
    assertThat(spec.backend().cloudOrigin()).isEqualTo("http://127.0.0.1:8000");
    assertThat(spec.backend().siteOrigin()).isEqualTo("http://127.0.0.1:8001");
  }

  @Test
  void authProvidersTakeTheirTypeFromTheId() throws IOException {
    Spec spec =
        read(
            HEAD
                + "auth:\n  siteUrl: http://localhost:5173\n  providers:\n"
                + "    github: {clientId: a, clientSecret: \"${env:AUTH_GITHUB_SECRET}\"}\n"
                + "    my-okta: {type: oidc, issuer: https://okta.example.com, clientId: b,"
                + " clientSecret: \"${env:AUTH_GITHUB_SECRET}\"}\n"
                + "    resend: {apiKey: \"${env:OPENAI_API_KEY}\"}\n");
    assertThat(spec.auth().enabled()).isTrue();
    assertThat(spec.auth().providers())
        .extracting(AuthProvider::id, AuthProvider::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("github", AuthProvider.Type.GITHUB),
            org.assertj.core.groups.Tuple.tuple("my-okta", AuthProvider.Type.OIDC),
            org.assertj.core.groups.Tuple.tuple("resend", AuthProvider.Type.RESEND));
    assertThat(spec.auth().providers().get(0).clientSecret().sensitive()).isTrue();
    assertThat(spec.auth().providers().get(0).clientId()).isEqualTo(Value.plain("a"));
  }

  @Test
  void disabledAuthIsIgnored() throws IOException {
    Spec spec = read(HEAD + "auth:\n  enabled: false\nenv:\n  SITE_URL: x\n");
    assertThat(spec.auth().enabled()).isFalse();
    assertThat(spec.env()).containsKey("SITE_URL");
  }

  @Test
  void envEntriesMayBeMarkedSensitive() throws IOException {
    Spec spec = read(HEAD + "env:\n  A: {value: x, sensitive: true}\n  B: plain\n");
    assertThat(spec.env().get("A")).isEqualTo(Value.secret("x"));
    assertThat(spec.env().get("B")).isEqualTo(Value.plain("plain"));
  }

  @Test
  void completeS3AndDockerTls() throws IOException {
    Files.createDirectories(dir.resolve("certs"));
    for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
      Files.writeString(dir.resolve("certs").resolve(f), "x");
    }
    Spec spec =
        read(
            HEAD
                + "  storage:\n    s3:\n      region: r\n      buckets: {exports: a,"
                + " snapshotImports: b, modules: c, files: d, search: e}\n"
                + "      accessKeyId: \"${env:AWS_ACCESS_KEY_ID}\"\n"
                + "      secretAccessKey: \"${env:AWS_SECRET_ACCESS_KEY}\"\n"
                + "target:\n  docker:\n    host: tcp://10.0.0.5:2376\n    tlsCertPath: ./certs\n");
    assertThat(spec.backend().s3().searchBucket()).isEqualTo("e");
    assertThat(spec.backend().s3().accessKeyId().sensitive()).isTrue();
    assertThat(spec.target())
        .isEqualTo(new Target.Docker("tcp://10.0.0.5:2376", dir.resolve("certs").toString(), true));
  }

  @Test
  void relativePathsResolveAgainstTheSpecFolder() throws IOException {
    Spec spec = read(HEAD + "secrets:\n  file: s/x.json\noutputs:\n  envFile: .env.local\n");
    assertThat(spec.secrets().file()).isEqualTo(dir.resolve("s/x.json"));
    assertThat(spec.outputs().envFile()).isEqualTo(dir.resolve(".env.local"));
  }

  @Test
  void frontendEnvReadsPathFrameworkAndSiteUrl() throws IOException {
    Spec spec =
        read(
            HEAD
                + "outputs:\n  frontendEnv:\n    path: web/.env\n    framework: next\n"
                + "    siteUrl: true\n");
    assertThat(spec.outputs().frontendEnv())
        .isEqualTo(new FrontendEnv(dir.resolve("web/.env"), FrontendEnv.Framework.NEXT, true));
  }

  @Test
  void frontendEnvIsAbsentUnlessWritten() throws IOException {
    Spec spec = read(HEAD + "outputs:\n  envFile: .env.local\n");
    assertThat(spec.outputs().frontendEnv()).isNull();
  }
}
