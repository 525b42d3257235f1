package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code provision render SPEC --to kubernetes}: exact output for the examples (golden files; run
 * with {@code -Drender.update=true} to rewrite them after an intended change, then review the
 * diff), no secret value in it, one file per object with {@code --out}, and a Secret manifest
 * written 0600 only where that is safe with {@code --secrets}.
 */
class RenderCommandTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "render");
  private static final Path FIXTURE = GOLDEN.resolve("postgres-auth.yaml");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../specs/quickstart.yaml",
        "../specs/postgres-managed.yaml",
        "../specs/auth-github.yaml",
        "../specs/proxy-https.yaml",
        "src/test/resources/render/postgres-auth.yaml"
      })
  void rendersTheGoldenManifestsWithNoSecret(String spec) throws IOException {
    CliRunner.Result r = CliRunner.run("render", spec, "--to", "kubernetes");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("error:");
    String name = Path.of(spec).getFileName().toString().replace(".yaml", ".k8s.yaml");
    golden(name, r.out());
    for (String secret : CliRunner.ENV.values()) {
      assertThat(r.out()).doesNotContain(secret);
    }
    assertThat(CliRunner.run("render", spec, "--to", "kubernetes").out()).isEqualTo(r.out());
  }

  @Test
  void outWritesOneFilePerObjectNamedByKindAndName() throws IOException {
    Path out = dir.resolve("k8s");
    CliRunner.Result r =
        CliRunner.run("render", FIXTURE.toString(), "--to", "kubernetes", "--out", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "deployment-pg-auth-dashboard.yaml",
              "ingress-pg-auth.yaml",
              "job-pg-auth-create-database.yaml",
              "job-pg-auth-deployment-env.yaml",
              "service-backend.yaml",
              "service-dashboard.yaml",
              "service-postgres.yaml",
              "statefulset-pg-auth-backend.yaml",
              "statefulset-pg-auth-postgres.yaml");
    }
    String stream = CliRunner.run("render", FIXTURE.toString(), "--to", "kubernetes").out();
    assertThat(stream).contains(Files.readString(out.resolve("statefulset-pg-auth-backend.yaml")));
    assertThat(r.out()).contains("wrote " + out.resolve("ingress-pg-auth.yaml"));
  }

  @Test
  void outDeletesWhatAnEarlierRenderWroteAndThisOneDoesNotAndNothingElse() throws IOException {
    Path out = dir.resolve("k8s");
    Path spec = copyFixture();
    Path secret = out.resolve("secret.yaml");
    Files.createDirectories(out);
    CliRunner.Result first =
        CliRunner.run(
            "render",
            spec.toString(),
            "--to",
            "kubernetes",
            "--out",
            out.toString(),
            "--secrets",
            secret.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).doesNotContain("deleted");
    Files.writeString(out.resolve("notes.yaml"), "mine: true\n");
    // the managed Postgres goes: its StatefulSet, Service and the database Job are stale
    String withoutPostgres = Files.readString(spec);
    withoutPostgres =
        withoutPostgres.substring(0, withoutPostgres.indexOf("\ndatabase:") + 1)
            + withoutPostgres.substring(withoutPostgres.indexOf("\nproxy:") + 1);
    Files.writeString(spec, withoutPostgres);

    CliRunner.Result r =
        CliRunner.run("render", spec.toString(), "--to", "kubernetes", "--out", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    String said = " (an earlier render wrote it; this spec no longer has it)";
    assertThat(r.out())
        .contains("deleted " + out.resolve("job-pg-auth-create-database.yaml") + said)
        .contains("deleted " + out.resolve("service-postgres.yaml") + said)
        .contains("deleted " + out.resolve("statefulset-pg-auth-postgres.yaml") + said);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(
              "deployment-pg-auth-dashboard.yaml",
              "ingress-pg-auth.yaml",
              "job-pg-auth-deployment-env.yaml",
              "notes.yaml",
              "secret.yaml",
              "service-backend.yaml",
              "service-dashboard.yaml",
              "statefulset-pg-auth-backend.yaml");
    }
  }

  @Test
  void namespacePutsEveryObjectAndTheSecretInItAfterTheNamespace() throws IOException {
    Path spec = copyFixture();
    Path secret = dir.resolve("secret.yaml");
    CliRunner.Result r =
        CliRunner.run(
            "render",
            spec.toString(),
            "--to",
            "kubernetes",
            "--namespace",
            "shop",
            "--secrets",
            secret.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("apiVersion: v1\nkind: Namespace\n");
    assertThat(r.out().split("\n---\n"))
        .hasSize(10)
        .allMatch(o -> o.contains("\n  namespace: shop\n") || o.contains("kind: Namespace"));
    assertThat(Files.readString(secret)).contains("\n  namespace: shop\n");

    CliRunner.Result bad =
        CliRunner.run("render", spec.toString(), "--to", "kubernetes", "--namespace", "Shop");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("`--namespace` Shop is not a valid name");
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void secretsWritesThePrivateSecretManifestAndKeepsGeneratedSecrets() throws IOException {
    Path spec = copyFixture();
    Path secrets = dir.resolve("secret.yaml");
    CliRunner.Result r =
        CliRunner.run(
            "render", spec.toString(), "--to", "kubernetes", "--secrets", secrets.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
        .isEqualTo("rw-------");
    String yaml = Files.readString(secrets);
    assertThat(yaml).contains("kind: Secret").contains("name: pg-auth-secrets");
    String instanceSecret = decoded(yaml, "INSTANCE_SECRET");
    assertThat(instanceSecret).matches("[0-9a-f]{64}");
    assertThat(decoded(yaml, "deployment-env.json"))
        .contains(CliRunner.ENV.get("AUTH_GITHUB_SECRET"));
    assertThat(decoded(yaml, "POSTGRES_URL")).contains(decoded(yaml, "POSTGRES_PASSWORD"));
    assertThat(r.err()).contains("generated instance secret, Postgres password, JWT private key");
    assertThat(r.out()).doesNotContain(instanceSecret).doesNotContain("kind: Secret");
    assertThat(r.out() + r.err()).doesNotContain(CliRunner.ENV.get("AUTH_GITHUB_SECRET"));

    Path again = dir.resolve("again.yaml");
    CliRunner.Result second =
        CliRunner.run(
            "render", spec.toString(), "--to", "kubernetes", "--secrets", again.toString());
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).doesNotContain("generated");
    assertThat(decoded(Files.readString(again), "INSTANCE_SECRET")).isEqualTo(instanceSecret);
  }

  @Test
  void secretsRefusesALinkAndAFileOthersMayRead() throws IOException {
    Path spec = copyFixture();
    Path target = Files.writeString(dir.resolve("target.yaml"), "keep\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), target);
    Path open = Files.writeString(dir.resolve("open.yaml"), "keep\n");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

    for (Path bad : List.of(link, open)) {
      CliRunner.Result r =
          CliRunner.run(
              "render", spec.toString(), "--to", "kubernetes", "--secrets", bad.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("nothing was written").doesNotContain("Exception");
      assertThat(r.out()).isEmpty();
    }
    assertThat(Files.readString(target)).isEqualTo("keep\n");
    assertThat(Files.readString(open)).isEqualTo("keep\n");
    CliRunner.Result self =
        CliRunner.run(
            "render", spec.toString(), "--to", "kubernetes", "--secrets", spec.toString());
    assertThat(self.code()).isEqualTo(1);
    assertThat(self.err()).contains("would overwrite");
  }

  @Test
  void aLoopbackOriginIsAWarningAndProxyNamesAreNot() {
    CliRunner.Result local =
        CliRunner.run("render", "../specs/postgres-managed.yaml", "--to", "kubernetes");
    assertThat(local.err())
        .contains(
            "warning: CONVEX_CLOUD_ORIGIN is http://127.0.0.1:3210, which no browser reaches in a"
                + " cluster")
        .contains("CONVEX_SITE_ORIGIN is http://127.0.0.1:3211")
        .contains("set `proxy:` names or https `backend.origins`");

    assertThat(CliRunner.run("render", FIXTURE.toString(), "--to", "kubernetes").err()).isEmpty();
  }

  @Test
  void aTargetIsRequired() {
    CliRunner.Result r = CliRunner.run("render", FIXTURE.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--to");
  }

  private Path copyFixture() throws IOException {
    return Files.copy(FIXTURE, dir.resolve("spec.yaml"));
  }

  /** The decoded value of {@code key} in a Secret manifest's data. */
  private static String decoded(String yaml, String key) {
    Matcher m = Pattern.compile("\n  " + Pattern.quote(key) + ": (\\S+)\n").matcher(yaml);
    assertThat(m.find()).as(key + " in " + yaml.length() + " chars").isTrue();
    return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
  }

  private static void golden(String file, String actual) throws IOException {
    Path path = GOLDEN.resolve(file);
    if (Boolean.getBoolean("render.update") || !Files.exists(path)) {
      Files.writeString(path, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(path));
  }
}
