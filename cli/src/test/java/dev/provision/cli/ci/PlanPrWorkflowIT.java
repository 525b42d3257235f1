package dev.provision.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request workflow ({@code examples/ci/github-actions-plan.yml}) runs {@code
 * examples/ci/plan-pr.sh}; this test runs the same script on the commits of a test repository, with
 * the CLI from this test's class path and a stub of GitHub's comment API, and reads the comments it
 * leaves. Needs bash, git, jq and curl (skipped without them); no Docker.
 */
class PlanPrWorkflowIT {
  private static final Path SCRIPT =
      Path.of("..", "examples", "ci", "plan-pr.sh").toAbsolutePath().normalize();
  private static final String OLD_IMAGE =
      "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567";
  private static final String NEW_IMAGE =
      "ghcr.io/get-convex/convex-backend:1111111111abcdef0123456789abcdef01234567";
  private static final String LABEL = "provision:allow-risk";

  @TempDir Path dir;
  private final String token = "ghs_test" + UUID.randomUUID().toString().replace("-", "");

  @BeforeAll
  static void tools() {
    for (String tool : List.of("bash", "git", "jq", "curl")) {
      assumeTrue(onPath(tool), tool + " is not installed");
    }
  }

  @Test
  void commentIsCreatedThenUpdatedAndRiskyChangesFailTheCheck() throws Exception {
    TestRepo repo = new TestRepo(dir.resolve("repo"));
    repo.write("specs/base.yaml", base("\"off\""));
    repo.write("specs/app.yaml", "extends: ./base.yaml\ndeployment: app\n");
    repo.write("specs/greeting.txt", "hello\n");
    repo.write("specs/other.yaml", "version: 1\ndeployment: other\n");
    repo.write("specs/old.yaml", "version: 1\ndeployment: old\n");
    repo.write(
        "specs/greet.yaml",
        "version: 1\ndeployment: greet\nenv:\n  GREETING: ${file:greeting.txt}\n"
            // Never set in the job: a pull request is planned without secret values.
            + "  TOKEN: ${env:PROVISION_IT_UNSET_TOKEN}\n");
    String baseSha = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    // The head: a backend image bump in the base file both overlays extend, a new greeting file.
    repo.write("specs/base.yaml", base("\"off\"").replace(OLD_IMAGE, NEW_IMAGE));
    repo.write("specs/greeting.txt", "bye\n");
    repo.delete("specs/old.yaml");
    repo.commit("bump the backend");

    try (StubCommentApi api = new StubCommentApi("acme/shop", token)) {
      long someoneElses = api.addComment("Looks good to me");

      Run first = run(repo, api, baseSha, Map.of());
      assertThat(first.exit).as(first.output).isEqualTo(1);
      assertThat(first.output).contains("add the label " + LABEL);
      assertThat(api.takeRequests())
          .containsExactly(
              "GET /repos/acme/shop/issues/7/comments", "POST /repos/acme/shop/issues/7/comments");
      assertThat(api.comments()).hasSize(2);
      long id = planComment(api);
      String body = api.comments().get(id);
      String shortBase = baseSha.substring(0, 7);
      assertThat(body)
          .startsWith("<!-- provision-plan -->\n# provision plan\n")
          .contains("3 spec(s) planned, 1 removed: base `" + shortBase + "`")
          .contains("**The check fails:** 2 change(s) lose data or cannot be undone.")
          // base.yaml changed; app.yaml extends it; greet.yaml reads greeting.txt.
          .contains("## Plan for `shop`", "## Plan for `app`", "## Plan for `greet`")
          .contains("`specs/app.yaml` against `" + shortBase + ":specs/app.yaml`.")
          // The old side is the base branch's base.yaml: extends: resolved in the base worktree.
          .contains("- image: \"" + OLD_IMAGE + "\"\n+ image: \"" + NEW_IMAGE + "\"")
          .contains("| `-/+` | `container.backend` | replace | irreversible |")
          .contains("! value: (sensitive, changed)")
          // The same unset reference on both sides: planned, and unchanged.
          .doesNotContain("PROVISION_IT_UNSET_TOKEN", "no plan")
          .contains("## `specs/old.yaml` was removed")
          .doesNotContain("Plan for `other`");
      assertThat(api.comments().get(someoneElses)).isEqualTo("Looks good to me");
      assertClean(repo, first);

      Run allowed = run(repo, api, baseSha, Map.of("ALLOW_RISK", "true"));
      assertThat(allowed.exit).as(allowed.output).isZero();
      assertThat(api.takeRequests())
          .containsExactly(
              "GET /repos/acme/shop/issues/7/comments",
              "PATCH /repos/acme/shop/issues/comments/" + id);
      assertThat(api.comments().get(id))
          .contains("2 change(s) lose data or cannot be undone; accepted by the label `" + LABEL)
          .doesNotContain("The check fails");

      // Another push: the same comment shows the new plan.
      repo.write("specs/base.yaml", base("\"on\"").replace(OLD_IMAGE, NEW_IMAGE));
      repo.commit("switch the flag on");
      Run pushed = run(repo, api, baseSha, Map.of("ALLOW_RISK", "true"));
      assertThat(pushed.exit).as(pushed.output).isZero();
      assertThat(api.takeRequests())
          .containsExactly(
              "GET /repos/acme/shop/issues/7/comments",
              "PATCH /repos/acme/shop/issues/comments/" + id);
      assertThat(api.comments()).hasSize(2);
      assertThat(api.comments().get(id)).contains("- value: \"off\"\n+ value: \"on\"");
      assertClean(repo, pushed);

      // A small limit splits the plans into parts; back to the default, the surplus goes.
      Run parts = run(repo, api, baseSha, Map.of("PROVISION_COMMENT_LIMIT", "6000"));
      List<String> partRequests = api.takeRequests();
      assertThat(parts.exit).as(parts.output).isEqualTo(1);
      List<String> bodies =
          api.comments().values().stream()
              .filter(b -> b.startsWith("<!-- provision-plan"))
              .toList();
      int n = bodies.size();
      assertThat(n).isGreaterThan(1);
      assertThat(partRequests)
          .startsWith(
              "GET /repos/acme/shop/issues/7/comments",
              "PATCH /repos/acme/shop/issues/comments/" + id)
          .hasSize(n + 1);
      for (int i = 0; i < n; i++) {
        assertThat(bodies.get(i))
            .startsWith("<!-- provision-plan part " + (i + 1) + "/" + n + " -->\n")
            .contains("# provision plan (part " + (i + 1) + " of " + n + ")");
      }
      assertThat(String.join("", bodies))
          .contains("## Plan for `shop`", "## Plan for `app`", "## Plan for `greet`");

      Run whole = run(repo, api, baseSha, Map.of());
      assertThat(whole.exit).as(whole.output).isEqualTo(1);
      assertThat(api.takeRequests())
          .contains("PATCH /repos/acme/shop/issues/comments/" + id)
          .filteredOn(r -> r.startsWith("DELETE"))
          .hasSize(n - 1);
      assertThat(api.comments().keySet()).containsExactly(someoneElses, id);
      assertThat(api.comments().get(id)).startsWith("<!-- provision-plan -->\n");
      assertClean(repo, whole);
    }
  }

  @Test
  void newSpecsPlanAgainstEmptyAndASpecThatDoesNotPlanFailsTheCheck() throws Exception {
    TestRepo repo = new TestRepo(dir.resolve("repo"));
    repo.write("specs/other.yaml", "version: 1\ndeployment: other\n");
    repo.write("README.md", "a repository\n");
    String baseSha = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("README.md", "a repository with a readme\n");
    repo.commit("no spec changes");

    try (StubCommentApi api = new StubCommentApi("acme/shop", token)) {
      Run nothing = run(repo, api, baseSha, Map.of());
      assertThat(nothing.exit).as(nothing.output).isZero();
      assertThat(nothing.output).contains("no provision spec changed; nothing to post");
      assertThat(api.takeRequests()).containsExactly("GET /repos/acme/shop/issues/7/comments");
      assertThat(api.comments()).isEmpty();

      repo.write("specs/fresh.yaml", "version: 1\ndeployment: fresh\n");
      repo.write("specs/broken.yaml", "version: 1\ndeployment: broken\nbackend: {portz: 1}\n");
      repo.commit("a new spec and a broken one");
      Run failed = run(repo, api, baseSha, Map.of("ALLOW_RISK", "true"));
      assertThat(failed.exit).as(failed.output).isEqualTo(1);
      assertThat(failed.output).contains("plan-pr: specs/broken.yaml: the plan failed");
      String body = api.comments().get(planComment(api));
      assertThat(body)
          .contains("**The check fails:** 1 spec(s) could not be planned.")
          .contains("## `specs/broken.yaml`: no plan\n\n```text\nspecs/broken.yaml:3:")
          .contains("## Plan for `fresh`", "`specs/fresh.yaml` against `empty`.")
          .contains("| `+` | `container.backend` | create | safe |")
          .doesNotContain("Plan for `other`");
      assertClean(repo, failed);
    }
  }

  private static String base(String flag) {
    return "version: 1\ndeployment: shop\nbackend:\n  image: "
        + OLD_IMAGE
        + "\nenv:\n  FEATURE_FLAG: "
        + flag
        + "\n";
  }

  private static long planComment(StubCommentApi api) {
    return api.comments().entrySet().stream()
        .filter(e -> e.getValue().startsWith("<!-- provision-plan"))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no plan comment in " + api.comments()));
  }

  /** No base worktree and no temporary file left behind; the token is never printed. */
  private void assertClean(TestRepo repo, Run run) throws Exception {
    assertThat(repo.git("worktree", "list", "--porcelain").lines())
        .filteredOn(l -> l.startsWith("worktree "))
        .hasSize(1);
    try (var left = Files.list(dir.resolve("tmp"))) {
      assertThat(left).isEmpty();
    }
    assertThat(run.output).doesNotContain(token);
  }

  private record Run(int exit, String output) {}

  private Run run(TestRepo repo, StubCommentApi api, String baseSha, Map<String, String> extra)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("tmp"));
    Path provision = dir.resolve("provision");
    if (!Files.exists(provision)) {
      Files.writeString(
          provision,
          "#!/bin/sh\nexec \"$PROVISION_TEST_JAVA\" -Xshare:auto -XX:TieredStopAtLevel=1"
              + " -cp \"$PROVISION_TEST_CP\" dev.provision.cli.Main \"$@\"\n");
    }
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.root.toFile());
    Map<String, String> env = builder.environment();
    env.remove("GITHUB_STEP_SUMMARY");
    env.putAll(TestRepo.gitEnv());
    env.put("TMPDIR", dir.resolve("tmp").toString());
    env.put("PROVISION", "sh " + provision);
    env.put(
        "PROVISION_TEST_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("PROVISION_TEST_CP", System.getProperty("java.class.path"));
    env.put("GITHUB_API_URL", api.url());
    env.put("GITHUB_REPOSITORY", "acme/shop");
    env.put("GITHUB_TOKEN", token);
    env.put("PR_NUMBER", "7");
    env.put("BASE_SHA", baseSha);
    env.put("ALLOW_RISK", "false");
    env.putAll(extra);
    Path out = dir.resolve("run.out");
    builder.redirectErrorStream(true).redirectOutput(out.toFile());
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("plan-pr.sh did not finish: " + Files.readString(out));
    }
    return new Run(process.exitValue(), Files.readString(out));
  }

  private static boolean onPath(String tool) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
