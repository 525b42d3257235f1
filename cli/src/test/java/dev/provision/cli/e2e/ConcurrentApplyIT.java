package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two real CLI processes applying one deployment at the same moment (and an apply racing a
 * destroy): exactly one runs at a time; the other waits for the lock or refuses with exit 1 naming
 * the holder. Nothing is corrupted: the instance secret stays the same and the next plan is empty.
 */
class ConcurrentApplyIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String[] NO_DASHBOARD = {"--set", "dashboard.enabled=false"};
  private static final Duration MAX = Duration.ofMinutes(2);

  @Test
  void twoAppliesAtOnceNeverOverlapAndKeepTheSecret() throws Exception {
    try (E2e e = new E2e()) {
      String secret = null;
      for (int trial = 0; trial < 3; trial++) {
        String timeout = trial == 1 ? "2m" : "0";
        ChildCli a =
            ChildCli.start(
                e, "a" + trial, Map.of(), "apply", SPEC, args("--lock-timeout", timeout, "--yes"));
        ChildCli b =
            ChildCli.start(
                e, "b" + trial, Map.of(), "apply", SPEC, args("--lock-timeout", timeout, "--yes"));
        int codeA = a.await(MAX);
        int codeB = b.await(MAX);
        for (var pair : List.of(Map.entry(codeA, a), Map.entry(codeB, b))) {
          if (pair.getKey() != 0) {
            assertThat(pair.getKey()).as(pair.getValue().all()).isEqualTo(1);
            assertThat(pair.getValue().all())
                .contains("is locked by")
                .contains("provision apply SPEC --set")
                .doesNotContain("dashboard.enabled");
          }
        }
        assertThat(codeA == 0 || codeB == 0).as(a.all() + b.all()).isTrue();
        if (trial == 1) {
          assertThat(codeA).as(a.all()).isZero();
          assertThat(codeB).as(b.all()).isZero();
        }
        String now = Live.instanceSecret(e.dir.resolve("secrets.json"));
        assertThat(now).hasSize(64);
        if (secret != null) {
          assertThat(now).isEqualTo(secret);
        }
        secret = now;
        assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
        E2e.Run plan = e.run("plan", SPEC, args("--detailed-exitcode"));
        assertThat(plan.code()).as(plan.all()).isZero();
      }
    }
  }

  @Test
  void anApplyAndADestroyAtOnceLeaveAConsistentDeployment() throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, args("--yes"));
      assertThat(first.code()).as(first.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      for (int trial = 0; trial < 2; trial++) {
        ChildCli apply = ChildCli.start(e, "apply" + trial, Map.of(), "apply", SPEC, args("--yes"));
        ChildCli destroy =
            ChildCli.start(e, "destroy" + trial, Map.of(), "destroy", SPEC, args("--yes"));
        int a = apply.await(MAX);
        int d = destroy.await(MAX);
        assertThat(List.of(a, d)).as(apply.all() + destroy.all()).allMatch(c -> c == 0 || c == 1);
        for (ChildCli c : List.of(apply, destroy)) {
          if (c.process.exitValue() == 1) {
            assertThat(c.all()).contains("is locked by");
          }
        }
        assertThat(Live.instanceSecret(e.dir.resolve("secrets.json"))).isEqualTo(secret);
        E2e.Run again = e.run("apply", SPEC, args("--yes"));
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(Live.instanceSecret(e.dir.resolve("secrets.json"))).isEqualTo(secret);
        String key = Live.adminKey(e.deployment, secret);
        assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();
        E2e.Run plan = e.run("plan", SPEC, args("--detailed-exitcode"));
        assertThat(plan.code()).as(plan.all()).isZero();
      }
    }
  }

  private static String[] args(String... extra) {
    String[] all = new String[NO_DASHBOARD.length + extra.length];
    System.arraycopy(NO_DASHBOARD, 0, all, 0, NO_DASHBOARD.length);
    System.arraycopy(extra, 0, all, NO_DASHBOARD.length, extra.length);
    return all;
  }
}
