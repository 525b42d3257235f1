package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.exec.TestHooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real CLI process killed with {@code kill -9} at each step of an apply (a first apply, then a
 * replace of the backend), paused there by the test hook so the kill lands at a known point. The
 * next apply takes the dead process's lock over, converges, keeps the instance secret (an admin key
 * issued before is still accepted) and leaves an empty plan; plan and status say that an apply was
 * interrupted.
 */
class KillNineIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String NO_DASHBOARD = "dashboard.enabled=false";

  @Test
  void killedAtEveryStepOfAFirstApplyThenRecovered() throws Exception {
    long start = System.nanoTime();
    try (E2e e = new E2e()) {
      List<String> steps = stepIds(e, "--set", NO_DASHBOARD);
      assertThat(steps).isNotEmpty();
      for (String at : pausePoints(steps)) {
        killAt(e, at, "--set", NO_DASHBOARD);
        E2e.Run status = e.run("status", SPEC, "--set", NO_DASHBOARD);
        assertThat(status.out()).as(status.all()).contains("an apply was interrupted at");
        recover(e, null, "--set", NO_DASHBOARD);
        E2e.Run down = e.run("destroy", SPEC, "--set", NO_DASHBOARD, "--delete-data", "--yes");
        assertThat(down.code()).as(down.all()).isZero();
        java.nio.file.Files.deleteIfExists(e.dir.resolve("secrets.json"));
      }
    }
    System.out.println(
        "KillNineIT first apply: " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + "s");
  }

  @Test
  void killedAtEveryStepOfAReplaceThenRecovered() throws Exception {
    long start = System.nanoTime();
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", NO_DASHBOARD, "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      String key = Live.adminKey(e.deployment, secret);
      String[] knob = {"--set", NO_DASHBOARD, "--set", "backend.knobs.rustLog=debug"};
      String[] back = {"--set", NO_DASHBOARD, "--set", "backend.knobs.rustLog=info"};
      List<String> steps = stepIds(e, knob);
      assertThat(steps).contains("container.backend/replace-container");
      boolean changed = false;
      for (String at : pausePoints(steps)) {
        String[] sets = changed ? back : knob;
        killAt(e, at, sets);
        E2e.Run plan = e.run("plan", SPEC, sets);
        assertThat(plan.out()).as(plan.all()).containsIgnoringCase("an apply was interrupted at");
        assertThat(plan.out()).as(plan.all()).doesNotContain("Changed outside provision");
        recover(e, secret, sets);
        assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();
        changed = !changed;
      }
    }
    System.out.println(
        "KillNineIT replace: " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + "s");
  }

  /**
   * Killed inside the backend's replace, in its dangerous windows: the old backend stopped (not yet
   * renamed), renamed {@code NAME-prev}, and the new one started but not yet ready. Each time the
   * plan names the interrupted apply and what it puts back (not drift), apply puts the old backend
   * back and converges, the instance secret and an admin key issued before stay valid, and two
   * containers never run on the data volume.
   */
  @Test
  void killedInsideTheBackendReplaceThenPutBack() throws Exception {
    long start = System.nanoTime();
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", NO_DASHBOARD, "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      String key = Live.adminKey(e.deployment, secret);
      String[] knob = {"--set", NO_DASHBOARD, "--set", "backend.knobs.rustLog=debug"};
      String[] back = {"--set", NO_DASHBOARD, "--set", "backend.knobs.rustLog=info"};
      boolean changed = false;
      for (String point : List.of("after-stop", "after-rename", "after-start")) {
        String[] sets = changed ? back : knob;
        killAt(e, "container.backend/replace-container@" + point, sets);
        assertOneWriter(e);
        E2e.Run plan = e.run("plan", SPEC, sets);
        assertThat(plan.out())
            .as(plan.all())
            .contains("An apply was interrupted at")
            .contains("(container.backend/replace-container)")
            .contains("put back the old " + e.deployment + "-backend")
            .doesNotContain("Changed outside provision")
            .doesNotContain("left over from an interrupted apply");
        E2e.Run status = e.run("status", SPEC, sets);
        assertThat(status.out()).as(status.all()).contains("An apply was interrupted at");
        recover(e, secret, sets);
        assertOneWriter(e);
        assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();
        changed = !changed;
      }
    }
    System.out.println(
        "KillNineIT inside the replace: "
            + Duration.ofNanos(System.nanoTime() - start).toSeconds()
            + "s");
  }

  /** At most one running container of the deployment mounts each volume. */
  private static void assertOneWriter(E2e e) {
    Map<String, String> owner = new java.util.HashMap<>();
    for (String line : DockerCli.running("dev.provision.deployment=" + e.deployment)) {
      String[] parts = line.split("\\|", 2);
      for (String volume : (parts.length > 1 ? parts[1] : "").split(",")) {
        if (!volume.isBlank()) {
          String other = owner.put(volume.strip(), parts[0]);
          assertThat(other).as(volume + " mounted by " + other + " and " + parts[0]).isNull();
        }
      }
    }
  }

  /** Starts an apply that pauses at {@code at}, and kills it with SIGKILL there. */
  private static void killAt(E2e e, String at, String... sets) throws Exception {
    Path marker = e.dir.resolve("paused-" + at.replace('/', '_').replace('@', '_'));
    List<String> extra = new ArrayList<>(List.of(sets));
    extra.addAll(List.of("--yes", "--parallelism", "1"));
    ChildCli child =
        ChildCli.start(
            e,
            "kill-" + at.replace('/', '_').replace('@', '_'),
            Map.of(TestHooks.PAUSE_AT_STEP, at, TestHooks.PAUSE_MARKER, marker.toString()),
            "apply",
            SPEC,
            extra.toArray(String[]::new));
    child.awaitFile(marker, Duration.ofSeconds(90));
    child.signal("KILL");
    assertThat(child.await(Duration.ofSeconds(30))).isEqualTo(137);
  }

  /** Applies again: converged, the same secret (when known), an empty plan. */
  private static String recover(E2e e, String secret, String... sets) throws Exception {
    List<String> args = new ArrayList<>(List.of(sets));
    args.add("--yes");
    E2e.Run again = e.run("apply", SPEC, args.toArray(String[]::new));
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.all()).contains("an apply was interrupted");
    String now = Live.instanceSecret(e.dir.resolve("secrets.json"));
    if (secret != null) {
      assertThat(now).isEqualTo(secret);
    }
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
    args.remove("--yes");
    args.add("--detailed-exitcode");
    E2e.Run plan = e.run("plan", SPEC, args.toArray(String[]::new));
    assertThat(plan.code()).as(plan.all()).isZero();
    return now;
  }

  /**
   * Before each step, and after the last one (before the commit). With one step at a time, "after
   * step k" is "before step k+1", so this covers every point between steps.
   */
  private static List<String> pausePoints(List<String> steps) {
    List<String> points = new ArrayList<>(steps);
    points.add(steps.get(steps.size() - 1) + "+");
    return points;
  }

  private static List<String> stepIds(E2e e, String... sets) throws Exception {
    List<String> args = new ArrayList<>(List.of(sets));
    args.addAll(List.of("--format", "json"));
    E2e.Run plan = e.run("plan", SPEC, args.toArray(String[]::new));
    List<String> ids = new ArrayList<>();
    for (JsonNode change : Live.json(plan.out()).path("changes")) {
      for (JsonNode step : change.path("steps")) {
        ids.add(step.path("id").asText());
      }
    }
    return ids;
  }
}
