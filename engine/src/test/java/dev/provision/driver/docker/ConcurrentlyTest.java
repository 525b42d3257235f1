package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Calls of one stage run at once; answers keep their order; a failure comes after all ended. */
class ConcurrentlyTest {
  @Test
  void answersKeepTheOrderOfTheCallsAndRunAtOnce() {
    CountDownLatch all = new CountDownLatch(3);
    Supplier<String> a = () -> meet(all, "a");
    Supplier<String> b = () -> meet(all, "b");
    Supplier<String> c = () -> meet(all, "c");

    // each call waits for the other two: only calls running at once get past the latch
    assertThat(Concurrently.all(List.of(a, b, c))).containsExactly("a", "b", "c");
    assertThat(Concurrently.all(List.<Supplier<String>>of())).isEmpty();
  }

  @Test
  void aFailureIsThrownOnceEveryCallHasEnded() {
    AtomicInteger ended = new AtomicInteger();
    Supplier<String> fails =
        () -> {
          throw new IllegalStateException("engine said no");
        };
    Supplier<String> slow =
        () -> {
          sleep(200);
          ended.incrementAndGet();
          return "slow";
        };

    assertThatThrownBy(() -> Concurrently.all(List.of(fails, slow)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("engine said no");
    assertThat(ended).hasValue(1);
  }

  private static String meet(CountDownLatch latch, String answer) {
    latch.countDown();
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return answer;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
