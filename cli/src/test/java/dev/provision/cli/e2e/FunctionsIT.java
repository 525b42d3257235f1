package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The app's functions pushed by apply with the REAL Convex CLI (convex 1.48.0 from
 * testing/functions-app, installed by testing/setup.sh) against the backend image: the first apply
 * pushes both modules, a second plan is empty, a changed function plans exactly {@code
 * functions.deploy}, and a syntax error fails the apply with the CLI's message (exit 1) and leaves
 * the previous functions.
 */
class FunctionsIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final Path APP = Path.of("..", "testing", "functions-app").toAbsolutePath();

  /**
   * Skipped only where there is no npm at all; with npm, a missing install is a failure (so a
   * set-up that forgot the app cannot pass by skipping these tests).
   */
  static void requireApp() {
    boolean npm =
        java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "npm")));
    Assumptions.assumeTrue(npm, "npm is not installed: the functions tests are skipped");
    org.assertj.core.api.Assertions.assertThat(APP.resolve("node_modules/convex"))
        .as("the convex CLI in testing/functions-app: run `bash testing/setup.sh`")
        .isDirectory();
  }

  @Test
  void pushesOnlyWhenTheAppChangedAndAFailedPushKeepsThePreviousFunctions() throws Exception {
    requireApp();
    try (E2e e = new E2e()) {
      Path app = copyApp(e.dir);
      String[] sets = {"--set", "dashboard.enabled=false", "--set", "functions.dir=" + app};

      E2e.Run first = e.run("apply", SPEC, with(sets, "--yes"));
      assertThat(first.code()).as(first.all()).isZero();
      assertThat(first.out()).contains("functions.deploy").contains("Deployed Convex functions");
      String key = Live.adminKey(e.deployment, Live.instanceSecret(e.dir.resolve("secrets.json")));
      Map<String, String> pushed = modules(e.cloudUrl(), key);
      assertThat(pushed).containsKeys("messages.js", "send.js");
      assertThat(first.all()).doesNotContain(key);

      assertThat(changes(e.run("plan", SPEC, with(sets, "--format", "json")))).isEmpty();
      E2e.Run status = e.run("status", SPEC, sets);
      assertThat(status.out())
          .containsPattern(
              "Functions: [0-9a-f]{12} pushed 20[0-9-]+T[0-9:.]+Z, 3 modules,"
                  + " matches the app");
      E2e.Run doctor = e.run("doctor", SPEC, sets);
      assertThat(doctor.out()).containsPattern("functions.*[0-9a-f]{12} pushed .*3 modules");

      Path messages = app.resolve("convex/messages.ts");
      Files.writeString(messages, Files.readString(messages).replace("collect()", "take(10)"));
      assertThat(changes(e.run("plan", SPEC, with(sets, "--format", "json"))))
          .containsExactly("update functions.deploy");

      E2e.Run second = e.run("apply", SPEC, with(sets, "--yes"));
      assertThat(second.code()).as(second.all()).isZero();
      Map<String, String> after = modules(e.cloudUrl(), key);
      assertThat(after.get("messages.js")).isNotEqualTo(pushed.get("messages.js"));
      assertThat(changes(e.run("plan", SPEC, with(sets, "--format", "json")))).isEmpty();

      Path send = app.resolve("convex/send.ts");
      Files.writeString(send, Files.readString(send).replace("handler:", "handler: ((("));
      E2e.Run broken = e.run("apply", SPEC, with(sets, "--yes"));
      assertThat(broken.code()).as(broken.all()).isEqualTo(1);
      assertThat(broken.all())
          .contains("npx convex deploy failed")
          .contains("the backend keeps its previous functions")
          .contains("send.ts");
      assertThat(modules(e.cloudUrl(), key)).isEqualTo(after);
      assertThat(changes(e.run("plan", SPEC, with(sets, "--format", "json"))))
          .containsExactly("update functions.deploy");
    }
  }

  @Test
  void theRealCliSetsAnEnvVarWithTheEnvFileProvisionWroteAndItSurvivesTheNextApply()
      throws Exception {
    requireApp();
    try (E2e e = new E2e()) {
      Path app = copyApp(e.dir);
      String[] sets = {
        "--set", "dashboard.enabled=false",
        "--set", "functions.dir=" + app,
        "--set", "outputs.envFile=" + app.resolve(".env.local")
      };
      E2e.Run first = e.run("apply", SPEC, with(sets, "--yes"));
      assertThat(first.code()).as(first.all()).isZero();

      Cli set = npx(app, "convex", "env", "set", "BY_HAND=kept");
      assertThat(set.code()).as(set.out()).isZero();
      String key = Live.adminKey(e.deployment, Live.instanceSecret(e.dir.resolve("secrets.json")));
      assertThat(Live.api(e.cloudUrl(), key).listEnvironmentVariables())
          .containsEntry("BY_HAND", "kept");

      Path messages = app.resolve("convex/messages.ts");
      Files.writeString(messages, Files.readString(messages).replace("collect()", "take(5)"));
      E2e.Run second = e.run("apply", SPEC, with(sets, "--yes"));
      assertThat(second.code()).as(second.all()).isZero();
      assertThat(Live.api(e.cloudUrl(), key).listEnvironmentVariables())
          .containsEntry("BY_HAND", "kept")
          .containsKey("PROVISION_FUNCTIONS_HASH");

      Files.writeString(
          app.resolve(".env.local"),
          Files.readString(app.resolve(".env.local")) + "CONVEX_DEPLOYMENT=dev:happy-cat-123\n");
      Cli refused = npx(app, "convex", "env", "set", "OTHER=x");
      assertThat(refused.code()).isNotZero();
      assertThat(refused.out()).contains("CONVEX_DEPLOYMENT must not be set");
      Files.writeString(messages, Files.readString(messages).replace("take(5)", "take(6)"));
      E2e.Run blocked = e.run("deploy-functions", SPEC, sets);
      assertThat(blocked.code()).isEqualTo(1);
      assertThat(blocked.all())
          .contains(".env.local line")
          .contains("sets CONVEX_DEPLOYMENT")
          .contains("delete that line")
          .doesNotContain("happy-cat");
    }
  }

  record Cli(int code, String out) {}

  /** Runs npx in the app folder with no Convex settings in its environment (only .env.local). */
  static Cli npx(Path app, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("npx", "--no-install"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("CONVEX_"));
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new Cli(p.waitFor(), out);
  }

  /**
   * The test app in a fresh folder (node_modules copied with its times), so the repo stays clean.
   */
  static Path copyApp(Path dir) throws IOException, InterruptedException {
    Path app = dir.resolve("app");
    Files.createDirectories(app);
    Process cp = new ProcessBuilder("cp", "-a", APP + "/.", app.toString()).inheritIO().start();
    assertThat(cp.waitFor()).isZero();
    return app;
  }

  static String[] with(String[] sets, String... extra) {
    List<String> all = new ArrayList<>(List.of(sets));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  static List<String> changes(E2e.Run plan) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode c : Live.json(plan.out()).path("changes")) {
      out.add(c.path("action").asText() + " " + c.path("address").asText());
    }
    return out;
  }

  /** The stand-in's test-only list of pushed modules: path to hash. */
  static Map<String, String> modules(String cloudUrl, String key) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cloudUrl + "/api/standin/modules"))
                    .header("Authorization", "Convex " + key)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, String> out = new TreeMap<>();
    for (JsonNode m : Live.json(r.body()).path("modules")) {
      out.put(m.path("path").asText(), m.path("sha256").asText());
    }
    return out;
  }
}
