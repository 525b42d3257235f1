package dev.provision.exec.ready;

import java.time.Duration;

/**
 * Waits between two polls of a readiness check. The real one sleeps; a test passes one that
 * advances a test clock instead, so that waiting is instant and deterministic.
 */
@FunctionalInterface
public interface Pause {
  Pause SLEEP = d -> Thread.sleep(d.toMillis());

  void pause(Duration duration) throws InterruptedException;
}
