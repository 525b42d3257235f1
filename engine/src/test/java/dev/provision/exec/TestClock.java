package dev.provision.exec;

import dev.provision.exec.ready.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told; its {@link #pause()} advances it instead of sleeping. */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  public TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  public static TestClock at(String instant) {
    return new TestClock(Instant.parse(instant));
  }

  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  public Pause pause() {
    return this::advance;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
