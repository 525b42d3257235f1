package dev.provision.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WalkerTest {
  /** A safety net so a broken walker fails the test instead of hanging it; never a timing check. */
  private static final long SAFETY_SECONDS = 30;

  @Test
  void withOneThreadRunsInTopologicalOrder() {
    Dag dag =
        Dag.builder()
            .add("web", List.of("image", "net"))
            .add("net", List.of())
            .add("image", List.of())
            .build();
    List<String> ran = new CopyOnWriteArrayList<>();

    WalkResult result = new Walker(1).walk(dag, ran::add);

    assertThat(ran).containsExactly("net", "image", "web");
    assertThat(result.succeeded()).isTrue();
    assertThat(result.completionOrder()).containsExactly("net", "image", "web");
    assertThat(result.rootCauses()).isEmpty();
  }

  @Test
  void neverRunsMoreThanTheParallelismAtOnce() throws Exception {
    Dag dag = Dag.builder().add("a", List.of()).add("b", List.of()).add("c", List.of()).build();
    CountDownLatch twoStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> started = ConcurrentHashMap.newKeySet();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();

    CompletableFuture<WalkResult> walk =
        CompletableFuture.supplyAsync(
            () ->
                new Walker(2)
                    .walk(
                        dag,
                        id -> {
                          started.add(id);
                          most.accumulateAndGet(running.incrementAndGet(), Math::max);
                          twoStarted.countDown();
                          release.await(SAFETY_SECONDS, TimeUnit.SECONDS);
                          running.decrementAndGet();
                        }));

    assertThat(twoStarted.await(SAFETY_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(started).containsExactlyInAnyOrder("a", "b");
    release.countDown();

    WalkResult result = walk.get(SAFETY_SECONDS, TimeUnit.SECONDS);
    assertThat(result.succeeded()).isTrue();
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void aNodeStartsOnlyAfterAllItsDependenciesSucceeded() {
    Dag dag =
        Dag.builder().add("a", List.of()).add("b", List.of()).add("c", List.of("a", "b")).build();
    Set<String> done = ConcurrentHashMap.newKeySet();
    List<Set<String>> seenByC = new CopyOnWriteArrayList<>();

    new Walker(3)
        .walk(
            dag,
            id -> {
              if (id.equals("c")) {
                seenByC.add(Set.copyOf(done));
              }
              done.add(id);
            });

    assertThat(seenByC).containsExactly(Set.of("a", "b"));
  }

  @Test
  void failureSkipsDependentsAndReportsOnlyTheRootCause() {
    Dag dag =
        Dag.builder().add("a", List.of()).add("b", List.of("a")).add("c", List.of("b")).build();
    IllegalStateException boom = new IllegalStateException("boom");

    WalkResult result =
        new Walker(1)
            .walk(
                dag,
                id -> {
                  throw boom;
                });

    assertThat(result.rootCauses()).containsExactly("a");
    assertThat(result.outcomes().get("a"))
        .isInstanceOfSatisfying(
            NodeOutcome.Failed.class, f -> assertThat(f.cause()).isSameAs(boom));
    assertThat(result.outcomes().get("b")).isEqualTo(new NodeOutcome.Skipped("a"));
    assertThat(result.outcomes().get("c")).isEqualTo(new NodeOutcome.Skipped("a"));
    assertThat(result.completionOrder()).isEmpty();
  }

  @Test
  void afterAFailureNoNewNodeStartsButRunningOnesFinish() {
    Dag dag =
        Dag.builder()
            .add("fails", List.of())
            .add("slow", List.of())
            .add("later", List.of())
            .build();
    CountDownLatch failureSeen = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();

    WalkResult result =
        new Walker(2)
            .walk(
                dag,
                id -> {
                  ran.add(id);
                  if (id.equals("fails")) {
                    throw new IllegalStateException("no");
                  }
                  failureSeen.await(SAFETY_SECONDS, TimeUnit.SECONDS);
                },
                (id, outcome) -> {
                  if (id.equals("fails")) {
                    failureSeen.countDown();
                  }
                });

    assertThat(ran).containsExactlyInAnyOrder("fails", "slow");
    assertThat(result.outcomes().get("slow")).isInstanceOf(NodeOutcome.Succeeded.class);
    assertThat(result.outcomes().get("later")).isEqualTo(new NodeOutcome.NotStarted("fails"));
    assertThat(result.completionOrder()).containsExactly("slow");
    assertThat(result.rootCauses()).containsExactly("fails");
  }

  @Test
  void twoIndependentFailuresAreBothRootCauses() throws Exception {
    Dag dag =
        Dag.builder()
            .add("a", List.of())
            .add("b", List.of())
            .add("c", List.of("a"))
            .add("d", List.of("b"))
            .build();
    CountDownLatch bothStarted = new CountDownLatch(2);

    WalkResult result =
        new Walker(2)
            .walk(
                dag,
                id -> {
                  bothStarted.countDown();
                  bothStarted.await(SAFETY_SECONDS, TimeUnit.SECONDS);
                  throw new IllegalStateException(id);
                });

    assertThat(result.rootCauses()).containsExactly("a", "b");
    assertThat(result.outcomes().get("c")).isEqualTo(new NodeOutcome.Skipped("a"));
    assertThat(result.outcomes().get("d")).isEqualTo(new NodeOutcome.Skipped("b"));
  }

  @Test
  void anInterruptedWalkStartsNothingNewAndSaysSo() throws Exception {
    Dag dag = Dag.builder().add("a", List.of()).add("b", List.of()).build();
    CountDownLatch aStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<WalkResult> result = new CompletableFuture<>();
    Thread walking =
        new Thread(
            () ->
                result.complete(
                    new Walker(1)
                        .walk(
                            dag,
                            id -> {
                              aStarted.countDown();
                              release.await(SAFETY_SECONDS, TimeUnit.SECONDS);
                            })));
    walking.start();

    assertThat(aStarted.await(SAFETY_SECONDS, TimeUnit.SECONDS)).isTrue();
    walking.interrupt();
    release.countDown();
    WalkResult walk = result.get(SAFETY_SECONDS, TimeUnit.SECONDS);

    assertThat(walk.interrupted()).isTrue();
    assertThat(walk.outcomes().get("a")).isInstanceOf(NodeOutcome.Succeeded.class);
    assertThat(walk.outcomes().get("b")).isEqualTo(new NodeOutcome.NotStarted(null));
    assertThat(walk.rootCauses()).isEmpty();
  }
}
