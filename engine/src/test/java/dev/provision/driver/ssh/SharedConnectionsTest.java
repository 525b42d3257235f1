package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reference counting and the session budget of the shared connection pool. */
class SharedConnectionsTest {
  private final List<String> closed = new ArrayList<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final SharedConnections<String, String> pool = new SharedConnections<>(closed::add);

  private SharedConnections<String, String>.Lease take(String key, int sessionsOnServer) {
    return pool.acquire(
        key,
        4,
        c -> true,
        () ->
            new SharedConnections.Opened<>(key + "#" + opened.incrementAndGet(), sessionsOnServer));
  }

  @Test
  void usersOfOneKeyShareOneConnectionClosedByTheLast() {
    var a = take("root@h:22", 10);
    var b = take("root@h:22", 10);
    assertThat(a.connection()).isEqualTo("root@h:22#1").isEqualTo(b.connection());
    assertThat(a.sessions()).isEqualTo(4);
    assertThat(b.sessions()).isEqualTo(4);
    assertThat(a.shared()).isTrue();
    a.close();
    a.close(); // twice is once
    assertThat(closed).isEmpty();
    assertThat(b.shared()).isFalse();
    b.close();
    assertThat(closed).containsExactly("root@h:22#1");
    assertThat(pool.open("root@h:22")).isZero();
  }

  @Test
  void theServersSessionLimitIsSplitAndAnotherConnectionOpensWhenItIsUsedUp() {
    var a = take("k", 10);
    var b = take("k", 10);
    var c = take("k", 10);
    assertThat(List.of(a.sessions(), b.sessions(), c.sessions())).containsExactly(4, 4, 2);
    var d = take("k", 10);
    assertThat(d.connection()).isEqualTo("k#2");
    assertThat(pool.open("k")).isEqualTo(2);
    b.close();
    var e = take("k", 10);
    assertThat(e.connection()).isEqualTo("k#1");
    assertThat(e.sessions()).isEqualTo(4);
  }

  @Test
  void differentKeysAndDeadConnectionsAreNotShared() {
    var a = take("x", 10);
    var b = take("y", 10);
    assertThat(a.connection()).isNotEqualTo(b.connection());
    var c =
        pool.acquire("x", 4, conn -> false, () -> new SharedConnections.Opened<>("x-fresh", 10));
    assertThat(c.connection()).isEqualTo("x-fresh");
  }

  @Test
  void aFailedOpenKeepsNothing() {
    assertThatThrownBy(
            () ->
                pool.acquire(
                    "z",
                    4,
                    c -> true,
                    () -> {
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");
    assertThat(pool.open("z")).isZero();
    assertThat(take("z", 1).sessions()).isEqualTo(1);
  }
}
