package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sensitivity flows with the value: a sentinel planted through {@code ${env:}} or {@code ${file:}}
 * in EVERY string field of two full specs (whole, or appended to a valid value so the spec still
 * plans) never appears in the output of {@code validate}, in any plan view (text, JSON, Markdown),
 * in a {@code plan --out} file, or in a warning, hint or {@code found:} line; nor lower-cased.
 */
class SentinelSecretsTest {
  static final String ENV_SENTINEL = "zq7sentinelenv";
  static final String FILE_SENTINEL = "zq7sentinelfile";

  /** External Postgres, S3, auth, dashboard, a TLS Docker host, env and outputs. */
  static final String FULL =
      """
      version: 1
      deployment: <<deployment|app>>
      target:
        docker:
          host: <<target.docker.host|tcp://127.0.0.1:2376>>
          tlsCertPath: <<target.docker.tlsCertPath|certs>>
      backend:
        image: <<backend.image|ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567>>
        bind: <<backend.bind|127.0.0.1>>
        ports:
          api: <<backend.ports.api|3210>>
          site: <<backend.ports.site|3211>>
        origins:
          cloud: <<backend.origins.cloud|https://api.example.com>>
          site: <<backend.origins.site|https://site.example.com>>
        volume: <<backend.volume|app-data>>
        knobs:
          rustLog: <<backend.knobs.rustLog|info>>
        storage:
          s3:
            region: <<s3.region|us-east-1>>
            endpointUrl: <<s3.endpointUrl|https://s3.example.com>>
            buckets:
              exports: <<s3.buckets.exports|app-exports>>
              snapshotImports: <<s3.buckets.snapshotImports|app-imports>>
              modules: <<s3.buckets.modules|app-modules>>
              files: <<s3.buckets.files|app-files>>
              search: <<s3.buckets.search|app-search>>
            accessKeyId: <<s3.accessKeyId|${env:AWS_ID}>>
            secretAccessKey: <<s3.secretAccessKey|${env:AWS_SECRET}>>
      dashboard:
        image: <<dashboard.image|ghcr.io/get-convex/convex-dashboard:0123456789abcdef0123456789abcdef01234567>>
        port: <<dashboard.port|6791>>
        deploymentUrl: <<dashboard.deploymentUrl|https://api.example.com>>
      database:
        postgres:
          external:
            url: <<external.url|postgres://convex@db.example.com:5432>>
            password: <<external.password|${env:PGPASSWORD}>>
            caFile: <<external.caFile|ca.pem>>
      secrets:
        file: <<secrets.file|app.secrets.json>>
        instanceSecret: <<secrets.instanceSecret|${env:INSTANCE}>>
      auth:
        siteUrl: <<auth.siteUrl|https://site.example.com>>
        providers:
          github:
            clientId: <<github.clientId|Iv1.0123456789abcdef>>
            clientSecret: <<github.clientSecret|${env:GH_SECRET}>>
          resend:
            apiKey: <<resend.apiKey|${env:RESEND_KEY}>>
          corp:
            type: <<corp.type|oidc>>
            clientId: <<corp.clientId|corp-client>>
            clientSecret: <<corp.clientSecret|${env:GH_SECRET}>>
            issuer: <<corp.issuer|https://login.example.com>>
      env:
        FEATURE_FLAG: <<env.FEATURE_FLAG|on>>
        LOG_FORMAT:
          value: <<env.LOG_FORMAT.value|json>>
      outputs:
        envFile: <<outputs.envFile|.env.local>>
      """;

  /** An SSH target and managed Postgres. */
  static final String MANAGED =
      """
      version: 1
      deployment: <<deployment|prod>>
      target:
        ssh:
          host: <<target.ssh.host|convex.example.com>>
          user: <<target.ssh.user|deploy>>
          identityFile: <<target.ssh.identityFile|id_ed25519>>
          knownHostsFile: <<target.ssh.knownHostsFile|known_hosts>>
      backend:
        image: <<backend.image|ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567>>
      database:
        postgres:
          managed:
            image: <<managed.image|postgres:17>>
            volume: <<managed.volume|prod-pgdata>>
            user: <<managed.user|convex>>
            password: <<managed.password|${env:PGPASSWORD}>>
      """;

  private static final Pattern FIELD = Pattern.compile("<<([^|>]+)\\|(.*?)>>");

  record Case(String name, String template, String field, String value) {
    @Override
    public String toString() {
      return name + " " + field + " = " + value;
    }
  }

  static Stream<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (var spec : Map.of("full", FULL, "managed", MANAGED).entrySet()) {
      fields(spec.getValue())
          .forEach(
              (field, fallback) -> {
                out.add(new Case(spec.getKey(), spec.getValue(), field, "${env:SENTINEL}"));
                out.add(new Case(spec.getKey(), spec.getValue(), field, "${file:sentinel.txt}"));
                if (!fallback.contains("${")) {
                  out.add(
                      new Case(
                          spec.getKey(), spec.getValue(), field, fallback + "${env:SENTINEL}"));
                  out.add(
                      new Case(
                          spec.getKey(),
                          spec.getValue(),
                          field,
                          "${file:sentinel.txt}" + fallback));
                }
              });
    }
    return out.stream();
  }

  static Map<String, String> fields(String template) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(template);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  /** The template with {@code field} set to {@code value} and every other field its default. */
  static String render(String template, String field, String value) {
    Matcher m = FIELD.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String text = m.group(1).equals(field) ? value : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement("\"" + text + "\""));
    }
    m.appendTail(out);
    return out.toString()
        .replace("\"3210\"", "3210")
        .replace("\"3211\"", "3211")
        .replace("\"6791\"", "6791");
  }

  static final Map<String, String> ENV =
      Map.of(
          "SENTINEL", ENV_SENTINEL,
          "AWS_ID", "AKIA0123456789",
          "AWS_SECRET", "aws-secret-0123456789",
          "PGPASSWORD", "pg-password-0123456789",
          "INSTANCE", "ab".repeat(32),
          "GH_SECRET", "gh-secret-0123456789",
          "RESEND_KEY", "re_0123456789");

  static Path workspace(Path dir, String spec) throws IOException {
    Files.createDirectories(dir.resolve("certs"));
    for (String pem : List.of("ca.pem", "cert.pem", "key.pem")) {
      Files.writeString(dir.resolve("certs").resolve(pem), "x");
    }
    Files.writeString(dir.resolve("ca.pem"), "x");
    Files.writeString(dir.resolve("id_ed25519"), "x");
    Files.writeString(dir.resolve("known_hosts"), "");
    Files.writeString(dir.resolve("sentinel.txt"), FILE_SENTINEL + "\n");
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, spec);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aSentinelNeverAppears(Case c, @TempDir Path dir) throws IOException {
    Path spec = workspace(dir, render(c.template(), c.field(), c.value()));
    Path saved = dir.resolve("plan.json");
    String s = spec.toString();
    StringBuilder all = new StringBuilder();
    all.append(run("validate", s));
    all.append(run("plan", s, "--against", "empty", "--out", saved.toString()));
    all.append(run("plan", s, "--against", "empty", "--format", "json"));
    all.append(run("plan", s, "--against", "empty", "--format", "markdown"));
    if (Files.exists(saved)) {
      all.append(Files.readString(saved));
      all.append(run("show", saved.toString()));
    }
    String text = all.toString().toLowerCase(Locale.ROOT);
    assertThat(text).doesNotContain("zq7sentinel");
  }

  @Test
  void theBaseSpecsPlanAndMostPlantedOnesStillDo(@TempDir Path dir) throws IOException {
    for (String template : List.of(FULL, MANAGED)) {
      Path spec = workspace(dir, render(template, "", ""));
      CliRun base = CliRun.of(ENV, "plan", spec.toString(), "--against", "empty");
      assertThat(base.exit()).as(base.err()).isZero();
    }
    Path spec = workspace(dir, render(FULL, "backend.knobs.rustLog", "${file:sentinel.txt}"));
    CliRun run = CliRun.of(ENV, "plan", spec.toString(), "--against", "empty");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("env.RUST_LOG").doesNotContain(FILE_SENTINEL);
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), ENV, false);
    assertThat(exit).isIn(0, 1);
    assertThat(err.toString()).doesNotContain("internal error");
    return out + "\n" + err;
  }
}
