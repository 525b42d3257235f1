package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two commands applying the same two deployments at once, given in opposite orders, on the real
 * Docker engine: both finish (the later one waits for the locks with --lock-timeout), neither
 * deadlocks, and each deployment is applied once (the later command finds nothing to do). Locks are
 * taken in one order (target, then deployment) on both paths: with --yes (two real processes) and
 * at a terminal, where each command holds all its locks from its plans to the end of its applies
 * (two in-process runs with real locks).
 */
class FleetLockOrderIT {
  private static final String WAIT = "180s";
  private static final String APPLIED = "Apply complete:";

  @Test
  void twoProcessesApplyingABAndBAWithYesBothFinishAndApplyEachOnce() throws Exception {
    try (E2e a = new E2e();
        E2e b = new E2e()) {
      String specA = FleetIT.spec(a, a.apiPort);
      String specB = FleetIT.spec(b, b.apiPort);

      ChildCli one =
          ChildCli.startWith(
              a, "one", Map.of(), List.of("apply", specA, specB, "--yes", "--lock-timeout", WAIT));
      ChildCli two =
          ChildCli.startWith(
              b, "two", Map.of(), List.of("apply", specB, specA, "--yes", "--lock-timeout", WAIT));
      int codeOne = one.await(Duration.ofMinutes(5));
      int codeTwo = two.await(Duration.ofMinutes(5));

      assertThat(codeOne).as(one.all()).isZero();
      assertThat(codeTwo).as(two.all()).isZero();
      assertAppliedOnce(a, b, one.all() + two.all());
    }
  }

  @Test
  void twoTerminalAppliesHoldingAllTheirLocksNeverDeadlock() throws Exception {
    try (E2e a = new E2e();
        E2e b = new E2e()) {
      String specA = FleetIT.spec(a, a.apiPort);
      String specB = FleetIT.spec(b, b.apiPort);
      Map<String, String> env = new HashMap<>(a.env);
      env.put("NO_COLOR", "1");
      CountDownLatch go = new CountDownLatch(1);
      InputStream stdin = System.in;
      try {
        System.setIn(new YesForever());
        CompletableFuture<E2e.Run> one = atTerminal(go, env, "apply", specA, specB);
        CompletableFuture<E2e.Run> two = atTerminal(go, env, "apply", specB, specA);
        go.countDown();
        E2e.Run first = one.get(5, TimeUnit.MINUTES);
        E2e.Run second = two.get(5, TimeUnit.MINUTES);

        assertThat(first.code()).as(first.all()).isZero();
        assertThat(second.code()).as(second.all()).isZero();
        String question = "Apply these changes to 2 deployments";
        // one asked and applied both; the other waited, then found nothing to do
        assertThat(List.of(first.out().contains(question), second.out().contains(question)))
            .containsExactlyInAnyOrder(true, false);
        assertAppliedOnce(a, b, first.all() + second.all());
      } finally {
        System.setIn(stdin);
      }
    }
  }

  /** Each deployment applied by exactly one of the two commands, and running. */
  private static void assertAppliedOnce(E2e a, E2e b, String outputs) throws Exception {
    assertThat(outputs.split(APPLIED, -1)).as(outputs).hasSize(3);
    assertThat(Live.status(a.cloudUrl() + "/version")).isEqualTo(200);
    assertThat(Live.status(b.cloudUrl() + "/version")).isEqualTo(200);
  }

  /** {@code provision ARGS} in-process as if at a terminal, once {@code go} opens. */
  private static CompletableFuture<E2e.Run> atTerminal(
      CountDownLatch go, Map<String, String> env, String... args) {
    List<String> words = new java.util.ArrayList<>(List.of(args));
    words.addAll(List.of("--lock-timeout", WAIT));
    CompletableFuture<E2e.Run> run = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                go.await();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code =
                    Main.run(
                        words.toArray(String[]::new),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        env,
                        true);
                run.complete(new E2e.Run(code, out.toString(), err.toString()));
              } catch (Throwable e) {
                run.completeExceptionally(e);
              }
            },
            "terminal-" + args[1]);
    t.setDaemon(true);
    t.start();
    return run;
  }

  /**
   * A person who answers {@code yes} to every question: one line per read, so no reader takes two.
   */
  private static final class YesForever extends InputStream {
    private static final byte[] LINE = "yes\n".getBytes(StandardCharsets.UTF_8);
    private int at;

    @Override
    public synchronized int read() {
      int c = LINE[at];
      at = (at + 1) % LINE.length;
      return c;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = Math.min(len, LINE.length - at);
      System.arraycopy(LINE, at, b, off, n);
      at = (at + n) % LINE.length;
      return n;
    }
  }
}
