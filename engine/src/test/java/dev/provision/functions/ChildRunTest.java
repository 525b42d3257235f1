package dev.provision.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.StopRequest;
import dev.provision.model.Sensitive;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push's child run with fake children (sh and sleep standing in for npx and the node under it): a
 * stop or the timeout ends the whole tree promptly, and output is masked before it leaves.
 */
class ChildRunTest {
  @TempDir Path dir;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Map<String, String> env = Map.of("PATH", System.getenv("PATH"));

  /** sh starting sh starting sleep, like npx starting node: prints the pids to watch. */
  private static List<String> tree(String trap) {
    return List.of(
        "sh",
        "-c",
        trap
            + "sh -c '"
            + trap
            + "sleep 60 & echo grandchild $!; wait' & echo child $!; echo root $$; wait");
  }

  private List<Long> pids() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      List<Long> pids =
          lines.stream()
              .filter(l -> l.matches("(root|child|grandchild) \\d+"))
              .map(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1)))
              .toList();
      if (pids.size() == 3) {
        return pids;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the fake child did not start: " + lines);
  }

  private static void assertAllEnded(List<Long> pids) {
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessTree::running).orElse(false))
          .as("pid " + pid + " still runs")
          .isFalse();
    }
  }

  private CompletableFuture<Throwable> start(
      List<String> command, Instant deadline, StopRequest s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            ChildRun.run(
                command,
                dir,
                env,
                deadline,
                Duration.ofSeconds(1),
                Sensitive.NONE,
                lines::add,
                s::requested,
                "npx convex deploy");
            return null;
          } catch (Throwable t) {
            return t;
          }
        });
  }

  @Test
  void aStopEndsTheWholeTreePromptlyAndSaysThePushWasInterrupted() throws Exception {
    StopRequest stop = new StopRequest();
    var run = start(tree(""), Instant.now().plusSeconds(60), stop);
    List<Long> pids = pids();
    long asked = System.nanoTime();
    stop.stop();
    Throwable t = run.get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - asked);
    assertThat(t)
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("push interrupted (npx convex deploy was ended with its child")
        .hasMessageContaining("the backend keeps its previous functions");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertAllEnded(pids);
  }

  @Test
  void aTreeThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    StopRequest stop = new StopRequest();
    var run = start(tree("trap \"\" TERM; "), Instant.now().plusSeconds(60), stop);
    List<Long> pids = pids();
    long asked = System.nanoTime();
    stop.stop();
    Throwable t = run.get(15, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - asked);
    assertThat(t).hasMessageContaining("push interrupted");
    assertThat(took).isLessThan(ProcessTree.GRACE.plusSeconds(2));
    assertAllEnded(pids);
  }

  @Test
  void theTimeoutEndsTheTreeAndSaysSo() throws Exception {
    var run = start(tree(""), Instant.now().plusSeconds(1), new StopRequest());
    List<Long> pids = pids();
    Throwable t = run.get(10, TimeUnit.SECONDS);
    assertThat(t)
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "functions: npx convex deploy did not finish within 1s (functions.timeout) and was"
                + " ended; the backend keeps its previous functions")
        .hasMessageContaining("raise `functions.timeout` in the spec");
    assertAllEnded(pids);
  }

  @Test
  void aStopBeforeTheStartRunsNothing() {
    StopRequest stop = new StopRequest();
    stop.stop();
    assertThatThrownBy(
            () ->
                ChildRun.run(
                    List.of("sh", "-c", "echo ran"),
                    dir,
                    env,
                    Instant.now().plusSeconds(5),
                    Duration.ofSeconds(5),
                    Sensitive.NONE,
                    lines::add,
                    stop::requested,
                    "npm ci"))
        .hasMessageContaining("push interrupted");
    assertThat(lines).isEmpty();
  }

  @Test
  void aFailingChildIsExitOneWithItsCode() {
    assertThatThrownBy(
            () ->
                ChildRun.run(
                    List.of("sh", "-c", "echo 'syntax error'; exit 3"),
                    dir,
                    env,
                    Instant.now().plusSeconds(5),
                    Duration.ofSeconds(5),
                    Sensitive.NONE,
                    lines::add,
                    () -> false,
                    "npx convex deploy"))
        .hasMessageContaining(
            "functions: npx convex deploy failed (exit 3); the backend keeps its previous"
                + " functions");
    assertThat(lines).containsExactly("syntax error");
  }

  @Test
  void everySensitiveTextIsMaskedBeforeALineLeaves() {
    Sensitive masks =
        Sensitive.of(List.of("pg-pass-4242", "jwt-private-key-text", "instance-secret-hex"));
    ChildRun.run(
        List.of(
            "sh",
            "-c",
            "echo 'db postgres://convex:pg-pass-4242@db:5432'; echo 'key JWT-PRIVATE-KEY-TEXT';"
                + " echo 'secret instance-secret-hex and name|0abc'"),
        dir,
        env,
        Instant.now().plusSeconds(5),
        Duration.ofSeconds(5),
        masks,
        lines::add,
        () -> false,
        "npx convex deploy");
    assertThat(lines)
        .containsExactly(
            "db postgres://(sensitive)@db:5432",
            "key (sensitive)",
            "secret (sensitive) and name|0abc");
  }
}
