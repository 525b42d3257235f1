package dev.provision.exec.ready;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.model.ContainerResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits until a started container is ready, by polling its {@link ReadinessStrategy} with short
 * pauses (growing from {@code FIRST_PAUSE} to at most {@code LONGEST_PAUSE}) until the deadline
 * from {@code spec.readiness().timeout()}. The pauses stay short because a poll is cheap (one
 * inspect, one local request) and every pause past the moment the service answers is time the user
 * waits for nothing: with pauses growing to 2 s, a backend ready after 3.2 s was seen ready at 5.1
 * s, and with pauses of 250 ms a fresh apply waited 125 ms past readiness on average. Before every
 * poll it looks at the container and fails at once when the container has exited. On exit or
 * timeout it throws a {@link ProvisionException} that says why: the exit code (and on a Swarm the
 * task's error, such as a start that failed), the last answer of the check, the last {@value
 * #LOG_LINES} log lines (with the spec's secret values masked) and what to do.
 *
 * <p>The clock and the pause are injected so that tests wait no real time.
 */
public final class ReadinessWaiter {
  public static final int LOG_LINES = 20;
  static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

  private final Clock clock;
  private final Pause pause;
  private final HttpProbe http;
  private final Duration cap;

  public ReadinessWaiter(Clock clock, Pause pause, HttpProbe http) {
    this(clock, pause, http, null);
  }

  private ReadinessWaiter(Clock clock, Pause pause, HttpProbe http, Duration cap) {
    this.clock = clock;
    this.pause = pause;
    this.http = http;
    this.cap = cap;
  }

  /** The same waiter, never waiting longer than {@code max} (undo after Ctrl-C must be quick). */
  public ReadinessWaiter capped(Duration max) {
    return new ReadinessWaiter(
        clock, pause, http, cap == null || max.compareTo(cap) < 0 ? max : cap);
  }

  /** The real waiter: system clock, sleeping pauses, HTTP attempts of up to 2 seconds each. */
  public static ReadinessWaiter system() {
    return new ReadinessWaiter(
        Clock.systemUTC(), Pause.SLEEP, HttpProbe.jdk(Duration.ofSeconds(2)));
  }

  /**
   * Returns when the container named {@code container}, started from {@code spec}, is ready; throws
   * a {@link ProvisionException} explaining why not otherwise.
   */
  public void await(HostDriver host, String container, ContainerResource spec) {
    ReadinessStrategy strategy =
        ReadinessStrategy.of(host, container, spec, http.over(host.roundTrip()));
    Duration timeout = spec.readiness().timeout();
    if (cap != null && cap.compareTo(timeout) < 0) {
      timeout = cap;
    }
    Instant deadline = clock.instant().plus(timeout);
    Duration next = FIRST_PAUSE;
    CheckAnswer last = null;
    while (true) {
      Optional<ContainerState> state = host.inspectContainer(container);
      if (state.isEmpty()) {
        throw failure(
            host,
            container,
            spec,
            strategy,
            last,
            "container " + container + " disappeared while waiting for it to be ready",
            false);
      }
      if (!state.get().running()) {
        Integer code = state.get().exitCode();
        throw failure(
            host,
            container,
            spec,
            strategy,
            last,
            "container "
                + container
                + " exited"
                + (code == null ? "" : " with code " + code)
                + " before it was ready"
                + state
                    .get()
                    .lastError()
                    .map(e -> " (" + new Masker(spec).apply(e) + ")")
                    .orElse(""),
            true);
      }
      last = strategy.check();
      if (last.ready()) {
        return;
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isZero() || left.isNegative()) {
        // a probe cut by a lost link is not a backend that is "not ready": name the link
        host.lostConnection()
            .ifPresent(
                lost -> {
                  throw lost;
                });
        throw failure(
            host,
            container,
            spec,
            strategy,
            last,
            "container " + container + " was not ready after " + seconds(timeout),
            false);
      }
      try {
        pause.pause(next.compareTo(left) < 0 ? next : left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ProvisionException.of(
            "stopped waiting for container " + container + ": interrupted",
            "Run apply again; steps that completed are safe to run twice.");
      }
      next =
          next.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? next.multipliedBy(2) : LONGEST_PAUSE;
    }
  }

  private ProvisionException failure(
      HostDriver host,
      String container,
      ContainerResource spec,
      ReadinessStrategy strategy,
      CheckAnswer last,
      String message,
      boolean exited) {
    Masker mask = new Masker(spec);
    StringBuilder found = new StringBuilder();
    found.append("last check (").append(mask.apply(strategy.describe())).append("): ");
    found.append(last == null ? "never ran" : mask.apply(last.detail()));
    found.append("\n  last ").append(LOG_LINES).append(" log lines:");
    try {
      for (String line : host.logTail(container, LOG_LINES)) {
        found.append("\n    | ").append(mask.apply(line));
      }
    } catch (RuntimeException e) {
      found
          .append("\n    (the log could not be read: ")
          .append(mask.apply(e.getMessage()))
          .append(')');
    }
    String hint =
        exited
            ? "The container stopped by itself: fix what its log lines show (command, env, mounts,"
                + " image), then run apply again."
            : "If the service is only slow to start, raise the readiness timeout (now "
                + seconds(spec.readiness().timeout())
                + "); otherwise fix what the log lines and the last check show, then run apply"
                + " again.";
    return new ProvisionException(
        Diagnostic.error(null, spec.address().toString(), message)
            .withExpected(strategy.describe() + " within " + seconds(spec.readiness().timeout()))
            .withFound(found.toString())
            .withHint(hint));
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
