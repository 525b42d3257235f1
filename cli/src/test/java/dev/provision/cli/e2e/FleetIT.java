package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import dev.provision.exec.TestHooks;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several specs in one run against the real Docker engine: each deployment is applied with its own
 * lock and its own block, a failing one is rolled back while the others are applied, the exit code
 * is the worst, --fail-fast starts no new one, and SIGINT to a real process rolls back the applies
 * that run and starts no other.
 */
class FleetIT {
  /** Writes a spec for {@code e}'s deployment, ports and secrets file; returns its path. */
  static String spec(E2e e, int apiPort) throws Exception {
    Path file = e.dir.resolve("spec.yaml");
    Files.writeString(
        file,
        "version: 1\n"
            + "deployment: "
            + e.deployment
            + "\nbackend:\n  image: "
            + E2e.backendImage()
            + "\n  ports:\n    api: "
            + apiPort
            + "\n    site: "
            + e.sitePort
            + "\ndashboard:\n  enabled: false\nsecrets:\n  file: "
            + e.dir.resolve("secrets.json")
            + "\n");
    return file.toString();
  }

  private static E2e.Run run(E2e e, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), e.env, false);
    return new E2e.Run(code, out.toString(), err.toString());
  }

  /** As if at a terminal, where a person types {@code typed}. */
  private static E2e.Run atTerminal(E2e e, String typed, String... args) {
    InputStream stdin = System.in;
    Map<String, String> env = new HashMap<>(e.env);
    env.put("NO_COLOR", "1");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
      int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, true);
      return new E2e.Run(code, out.toString(), err.toString());
    } finally {
      System.setIn(stdin);
    }
  }

  /** Every container of {@code e}'s deployment, running or not. */
  private static List<String> containers(E2e e) {
    return DockerCli.run(
            "ps", "-a", "--filter", "label=dev.provision.deployment=" + e.deployment, "-q")
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }

  @Test
  void threeSpecsTwoAtATimeTheFailingOneRollsBackTheOthersAreApplied() throws Exception {
    try (E2e a = new E2e();
        E2e bad = new E2e();
        E2e c = new E2e();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String specA = spec(a, a.apiPort);
      String specBad = spec(bad, taken.getLocalPort()); // its backend cannot publish its port
      String specC = spec(c, c.apiPort);

      E2e.Run run = run(a, "apply", specA, specBad, specC, "--parallel", "2", "--yes");

      assertThat(run.code()).as(run.all()).isEqualTo(1);
      String out = run.out();
      int blockA = out.indexOf("=== " + a.deployment + " (" + specA + ") ===\n");
      int blockBad = out.indexOf("=== " + bad.deployment + " (" + specBad + ") ===\n");
      int blockC = out.indexOf("=== " + c.deployment + " (" + specC + ") ===\n");
      int summary = out.indexOf("Summary: 3 deployments: 2 ok, 1 failed; exit code 1\n");
      assertThat(List.of(blockA, blockBad, blockC, summary)).as(out).isSorted().doesNotContain(-1);
      // each block holds its own deployment's plan and apply, nothing of the others
      assertThat(out.substring(blockA, blockBad))
          .contains("Applying:")
          .doesNotContain(bad.deployment)
          .doesNotContain(c.deployment);
      assertThat(out.substring(blockBad, blockC))
          .contains("rolled back")
          .doesNotContain(a.deployment)
          .doesNotContain(c.deployment);
      assertThat(out.substring(blockC, summary)).contains("Applying:").doesNotContain(a.deployment);
      assertThat(Live.status(a.cloudUrl() + "/version")).isEqualTo(200);
      assertThat(Live.status(c.cloudUrl() + "/version")).isEqualTo(200);
      assertThat(containers(bad)).isEmpty();

      E2e.Run again = run(a, "plan", specA, specC, "--detailed-exitcode");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.out()).contains("Summary: 2 deployments: 2 ok; exit code 0");
      E2e.Run status = run(a, "status", specA, specC, "--json");
      assertThat(status.code()).as(status.all()).isZero();
      assertThat(status.out())
          .contains("\"command\": \"status\"")
          .contains("\"state\": \"running\"");
      E2e.Run destroy = run(a, "destroy", specA, specC, "--yes");
      assertThat(destroy.code()).as(destroy.all()).isZero();
      assertThat(destroy.out()).contains("Summary: 2 deployments: 2 ok; exit code 0");
      assertThat(containers(a)).isEmpty();
      assertThat(containers(c)).isEmpty();
    }
  }

  @Test
  void atATerminalEveryPlanIsShownFirstThenOneQuestionCoversThemAll() throws Exception {
    try (E2e a = new E2e();
        E2e b = new E2e()) {
      String specA = spec(a, a.apiPort);
      String specB = spec(b, b.apiPort);
      String question =
          "Apply these changes to 2 deployments (" + a.deployment + ", " + b.deployment + ")?";

      E2e.Run refused = atTerminal(a, "no\n", "apply", specA, specB);
      assertThat(refused.code()).as(refused.all()).isEqualTo(1);
      assertThat(refused.out()).contains(question);
      assertThat(refused.err()).contains("cancelled: nothing was changed");
      assertThat(containers(a)).isEmpty();
      assertThat(containers(b)).isEmpty();

      // the locks were released: the same apply goes ahead at once when confirmed
      E2e.Run run = atTerminal(a, "yes\n", "apply", specA, specB);
      assertThat(run.code()).as(run.all()).isZero();
      String out = run.out();
      int planA = out.indexOf("=== " + a.deployment + " (");
      int planB = out.indexOf("=== " + b.deployment + " (");
      int asked = out.indexOf(question);
      int applying = out.indexOf("Applying:");
      assertThat(List.of(planA, planB, asked, applying)).as(out).isSorted().doesNotContain(-1);
      assertThat(out).contains("Summary: 2 deployments: 2 ok; exit code 0");
      assertThat(Live.status(a.cloudUrl() + "/version")).isEqualTo(200);
      assertThat(Live.status(b.cloudUrl() + "/version")).isEqualTo(200);
    }
  }

  @Test
  void failFastStartsNoNewDeploymentAfterAFailure() throws Exception {
    try (E2e one = new E2e();
        E2e two = new E2e();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // apply starts deployments in lock order (by target, then deployment name): the failing one
      // must come first in that order for "no new deployment starts" to be observable
      boolean oneFirst = one.deployment.compareTo(two.deployment) < 0;
      E2e bad = oneFirst ? one : two;
      E2e next = oneFirst ? two : one;
      String specBad = spec(bad, taken.getLocalPort());
      String specNext = spec(next, next.apiPort);

      E2e.Run run = run(bad, "apply", specBad, specNext, "--parallel", "1", "--fail-fast", "--yes");

      assertThat(run.code()).as(run.all()).isEqualTo(1);
      assertThat(run.out())
          .contains("=== " + next.deployment + " (" + specNext + ") ===\nskipped: not started\n")
          .contains("Summary: 2 deployments: 1 failed, 1 skipped; exit code 1");
      assertThat(containers(bad)).isEmpty();
      assertThat(containers(next)).isEmpty();
    }
  }

  @Test
  void sigintRollsBackTheRunningAppliesAndStartsNoOther() throws Exception {
    try (E2e a = new E2e();
        E2e b = new E2e();
        E2e c = new E2e()) {
      List<String> words = new ArrayList<>(List.of("apply"));
      for (E2e e : List.of(a, b, c)) {
        words.add(spec(e, e.apiPort));
      }
      words.addAll(List.of("--parallel", "2", "--yes"));
      Path marker = a.dir.resolve("paused");
      ChildCli child =
          ChildCli.startWith(
              a,
              "fleet-interrupted",
              Map.of(
                  TestHooks.PAUSE_AT_STEP,
                  "container.backend/start-container+",
                  TestHooks.PAUSE_MARKER,
                  marker.toString()),
              words);
      child.awaitFile(marker, Duration.ofSeconds(90));
      child.signal("INT");
      int code = child.await(Duration.ofSeconds(60));

      String all = child.all();
      assertThat(code).as(all).isEqualTo(130);
      assertThat(all)
          .contains("SIGINT: stopping")
          .contains("Apply was interrupted (SIGINT) and was rolled back")
          .contains("=== " + c.deployment + " (")
          .contains("skipped: not started")
          .containsPattern("Summary: 3 deployments: .*interrupted.*; exit code 130");
      for (E2e e : List.of(a, b, c)) {
        assertThat(containers(e)).as(e.deployment + "\n" + all).isEmpty();
      }
    }
  }
}
