package dev.provision.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What one run's deployments share on a target: opened once, a failure kept, closed at the end. */
class OpenedOnceTest {
  private final List<String> closed = new ArrayList<>();
  private final AtomicInteger opens = new AtomicInteger();

  private String open() {
    return "c" + opens.incrementAndGet();
  }

  @Test
  void opensOnceAndClosesAtTheEnd() {
    OpenedOnce<String> shared = new OpenedOnce<>(c -> true, closed::add);
    assertThat(shared.get(this::open)).isEqualTo("c1");
    assertThat(shared.get(this::open)).isEqualTo("c1");
    assertThat(closed).isEmpty();

    shared.end();

    assertThat(closed).containsExactly("c1");
    assertThatThrownBy(() -> shared.get(this::open)).isInstanceOf(IllegalStateException.class);
    assertThat(opens).hasValue(1);
  }

  @Test
  void aFailureIsKeptForEveryoneAndNotTriedAgain() {
    OpenedOnce<String> shared = new OpenedOnce<>(c -> true, closed::add);
    Throwable first =
        catchThrowable(
            () ->
                shared.get(
                    () -> {
                      opens.incrementAndGet();
                      throw new IllegalArgumentException("unreachable");
                    }));
    Throwable second = catchThrowable(() -> shared.get(this::open));

    assertThat(first).hasMessage("unreachable");
    assertThat(second).isSameAs(first); // not a ProvisionException: as it was
    assertThat(opens).hasValue(1);
    shared.end();
    assertThat(closed).isEmpty();
  }

  @Test
  void eachDeploymentGetsItsOwnCopyOfAKeptProvisionError() {
    OpenedOnce<String> shared = new OpenedOnce<>(c -> true, closed::add);
    Throwable first =
        catchThrowable(
            () ->
                shared.get(
                    () -> {
                      throw dev.provision.diag.ProvisionException.of("no engine", "start it");
                    }));
    Throwable second = catchThrowable(() -> shared.get(this::open));

    assertThat(second).isNotSameAs(first).isInstanceOf(dev.provision.diag.ProvisionException.class);
    assertThat(((dev.provision.diag.ProvisionException) second).diagnostics())
        .isEqualTo(((dev.provision.diag.ProvisionException) first).diagnostics());
  }

  @Test
  void endingDoesNotWaitForAnOpeningUnderWayWhichThenClosesWhatItOpened() throws Exception {
    OpenedOnce<String> shared = new OpenedOnce<>(c -> true, closed::add);
    java.util.concurrent.CountDownLatch opening = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Throwable> seen =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread opener =
        new Thread(
            () ->
                seen.set(
                    catchThrowable(
                        () ->
                            shared.get(
                                () -> {
                                  opening.countDown();
                                  try {
                                    release.await(); // as a login waiting for a passphrase
                                  } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                  }
                                  return "late";
                                }))));
    opener.start();
    opening.await();

    shared.end(); // returns at once

    assertThat(closed).isEmpty();
    release.countDown();
    opener.join(10_000);
    assertThat(seen.get()).isInstanceOf(IllegalStateException.class);
    assertThat(closed).containsExactly("late");
  }

  @Test
  void whatIsNoLongerUsableIsClosedAndOpenedAgain() {
    AtomicBoolean up = new AtomicBoolean(true);
    OpenedOnce<String> shared = new OpenedOnce<>(c -> up.get(), closed::add);
    assertThat(shared.get(this::open)).isEqualTo("c1");

    up.set(false);
    String next = shared.get(this::open);
    up.set(true);

    assertThat(next).isEqualTo("c2");
    assertThat(closed).containsExactly("c1");
    shared.end();
    assertThat(closed).containsExactly("c1", "c2");
  }
}
