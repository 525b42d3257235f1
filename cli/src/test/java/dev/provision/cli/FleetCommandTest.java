package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several specs on one command line, without a target (plan --against empty, validate, the checks
 * made before anything runs): one block per deployment in the order given, a summary, the worst
 * exit code, one JSON document, and the refusals (same deployment twice, --out, apply without --yes
 * and without a terminal).
 */
class FleetCommandTest {
  private static final String SENTINEL = "sentinel-fleet-9c1e";
  private static final Map<String, String> ENV = Map.of("TOKEN", SENTINEL);

  @TempDir Path dir;

  private String spec(String file, String deployment) throws Exception {
    Path path = dir.resolve(file);
    Files.writeString(
        path,
        "version: 1\ndeployment: "
            + deployment
            + "\ndashboard:\n  enabled: false\nenv:\n  TOKEN: ${env:TOKEN}\n");
    return path.toString();
  }

  private String broken() throws Exception {
    Path path = dir.resolve("broken.yaml");
    Files.writeString(path, "version: 1\ndeployment: pt-broken\nbackend:\n  imagee: x\n");
    return path.toString();
  }

  private String sshSpec(String file, String deployment, int port) throws Exception {
    Path key = dir.resolve("id_test");
    Files.writeString(key, "not a key: never read by a plan against empty\n");
    Path path = dir.resolve(file);
    Files.writeString(
        path,
        "version: 1\ndeployment: "
            + deployment
            + "\ntarget:\n  ssh:\n    host: 127.0.0.1\n    port: "
            + port
            + "\n    user: root\n    identityFile: "
            + key
            + "\n    knownHosts: accept-new\n    knownHostsFile: "
            + dir.resolve("known_hosts")
            + "\ndashboard:\n  enabled: false\n");
    return path.toString();
  }

  @Test
  void aPlanAgainstEmptyOfSeveralSshSpecsReachesNoServer() throws Exception {
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicInteger connections =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (true) {
                  try (java.net.Socket s = server.accept()) {
                    connections.incrementAndGet(); // and closed at once: no SSH here
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String a = sshSpec("sa.yaml", "pt-fleet-sa", server.getLocalPort());
      String b = sshSpec("sb.yaml", "pt-fleet-sb", server.getLocalPort());

      CliRun offline = CliRun.of(ENV, "plan", a, b, "--against", "empty");
      assertThat(offline.exit()).as(offline.out() + offline.err()).isZero();
      assertThat(connections).hasValue(0);

      // the same specs planned live do reach it (so the count above could have seen a login)
      CliRun live = CliRun.of(ENV, "plan", a, b);
      assertThat(live.exit()).as(live.out() + live.err()).isEqualTo(1);
      assertThat(connections.get()).isPositive();
    }
  }

  @Test
  void plansEachSpecInItsOwnBlockInTheOrderGivenWithASummaryAndTheWorstExitCode() throws Exception {
    String a = spec("a.yaml", "pt-fleet-a");
    String bad = broken();
    String b = spec("b.yaml", "pt-fleet-b");

    CliRun run =
        CliRun.of(
            ENV, "plan", a, bad, b, "--against", "empty", "--parallel", "2", "--detailed-exitcode");

    assertThat(run.exit()).isEqualTo(1);
    String out = run.out();
    int first = out.indexOf("=== pt-fleet-a (" + a + ") ===\n");
    int second = out.indexOf("=== " + bad + " (" + bad + ") ===\n");
    int third = out.indexOf("=== pt-fleet-b (" + b + ") ===\n");
    int summary = out.indexOf("Summary: 3 deployments: 2 changes, 1 failed; exit code 1\n");
    assertThat(first).isZero();
    assertThat(second).isGreaterThan(first);
    assertThat(third).isGreaterThan(second);
    assertThat(summary).isGreaterThan(third);
    assertThat(out.substring(first, second)).contains("Plan:").doesNotContain("pt-fleet-b");
    assertThat(out.substring(third, summary)).contains("Plan:").doesNotContain("pt-fleet-a");
    assertThat(out.substring(summary))
        .containsPattern("  pt-fleet-a +docker \\(local\\) +changes +\\d+ +\\d+\\.\\ds\n")
        .containsPattern("  " + java.util.regex.Pattern.quote(bad) + " +- +failed +- +");
    assertThat(run.err()).startsWith("=== " + bad + " (" + bad + ") ===\n").contains("imagee");
    assertThat(run.all()).doesNotContain(SENTINEL);
  }

  @Test
  void withoutAFailureTheExitCodeIsTwoForChanges() throws Exception {
    CliRun run =
        CliRun.of(
            ENV,
            "plan",
            spec("a.yaml", "pt-fleet-a"),
            spec("b.yaml", "pt-fleet-b"),
            "--against",
            "empty",
            "--detailed-exitcode");
    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    CliRun plain =
        CliRun.of(
            ENV,
            "plan",
            spec("a.yaml", "pt-fleet-a"),
            spec("b.yaml", "pt-fleet-b"),
            "--against",
            "empty");
    assertThat(plain.exit()).as(plain.all()).isZero();
  }

  @Test
  void failFastSkipsTheSpecsAfterTheFirstFailure() throws Exception {
    CliRun run =
        CliRun.of(
            ENV,
            "plan",
            broken(),
            spec("a.yaml", "pt-fleet-a"),
            "--against",
            "empty",
            "--parallel",
            "1",
            "--fail-fast");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("=== pt-fleet-a (")
        .contains("skipped: not started")
        .contains("Summary: 2 deployments: 1 failed, 1 skipped; exit code 1");
  }

  @Test
  void jsonIsOneDocumentWithEachPlansOwnJson() throws Exception {
    CliRun run =
        CliRun.of(
            ENV,
            "plan",
            spec("a.yaml", "pt-fleet-a"),
            broken(),
            "--against",
            "empty",
            "--format",
            "json");
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(doc.get("command").asText()).isEqualTo("plan");
    assertThat(doc.get("exitCode").asInt()).isEqualTo(1);
    assertThat(doc.get("deployments")).hasSize(2);
    JsonNode a = doc.get("deployments").get(0);
    assertThat(a.get("deployment").asText()).isEqualTo("pt-fleet-a");
    assertThat(a.get("result").asText()).isEqualTo("ok");
    assertThat(a.get("output").get("changes").size()).isEqualTo(a.get("changes").asInt());
    JsonNode bad = doc.get("deployments").get(1);
    assertThat(bad.get("result").asText()).isEqualTo("failed");
    assertThat(bad.get("output").isNull()).isTrue();
    assertThat(bad.get("errors").get(0).asText()).contains("imagee");
    assertThat(run.all()).doesNotContain(SENTINEL);
  }

  @Test
  void markdownHasOneSectionPerDeploymentAndASummaryTable() throws Exception {
    CliRun run =
        CliRun.of(
            ENV,
            "plan",
            spec("a.yaml", "pt-fleet-a"),
            spec("b.yaml", "pt-fleet-b"),
            "--against",
            "empty",
            "--format",
            "markdown");
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("## pt-fleet-a (`")
        .contains("## pt-fleet-b (`")
        .contains("## Summary\n\n2 deployments: 2 ok; exit code 0.\n");
  }

  @Test
  void twoSpecsNamingTheSameDeploymentAreRefusedBeforeAnythingRuns() throws Exception {
    String a = spec("a.yaml", "pt-fleet-same");
    String b = spec("b.yaml", "pt-fleet-same");
    for (String command : new String[] {"plan", "status", "doctor", "apply"}) {
      CliRun run =
          command.equals("apply")
              ? CliRun.of(ENV, command, a, b, "--yes")
              : CliRun.of(ENV, command, a, b);
      assertThat(run.exit()).as(command).isEqualTo(1);
      assertThat(run.out()).as(command).isEmpty();
      assertThat(run.err())
          .as(command)
          .contains(
              "error: deployment pt-fleet-same on docker (local) is named by both "
                  + a
                  + " and "
                  + b);
    }
    CliRun validate = CliRun.of(ENV, "validate", a, b);
    assertThat(validate.exit()).isEqualTo(1);
    assertThat(validate.err()).contains("is named by both " + a + " and " + b);
  }

  @Test
  void refusals() throws Exception {
    String a = spec("a.yaml", "pt-fleet-a");
    String b = spec("b.yaml", "pt-fleet-b");
    CliRun out =
        CliRun.of(
            ENV, "plan", a, b, "--against", "empty", "--out", dir.resolve("p.json").toString());
    assertThat(out.exit()).isEqualTo(1);
    assertThat(out.err()).contains("--out saves one plan, but 2 specs were given");
    assertThat(dir.resolve("p.json")).doesNotExist();
    CliRun against = CliRun.of(ENV, "plan", a, b, "--against", a);
    assertThat(against.err()).contains("--against OLD_SPEC compares one spec");
    CliRun apply = CliRun.of(ENV, "apply", a, b);
    assertThat(apply.exit()).isEqualTo(1);
    assertThat(apply.err())
        .contains("refusing to apply 2 specs without confirmation: there is no terminal to ask")
        .contains("hint: pass --yes");
    CliRun destroy = CliRun.of(ENV, "destroy", a, b);
    assertThat(destroy.exit()).isEqualTo(1);
    assertThat(destroy.err()).contains("refusing to destroy 2 deployments without --yes");
    CliRun parallel = CliRun.of(ENV, "plan", a, b, "--against", "empty", "--parallel", "0");
    assertThat(parallel.exit()).isEqualTo(1);
    assertThat(parallel.err()).contains("--parallel must be at least 1");
  }
}
