package dev.provision.exec.ready;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeScript;
import dev.provision.exec.Fixtures;
import dev.provision.exec.TestClock;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessWaiterTest {
  private final FakeHostDriver host = new FakeHostDriver();
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");
  private ReadinessWaiter waiter;

  @BeforeEach
  void setUp() {
    host.createNetwork(
        "demo", new NetworkResource(Address.of(Address.Kind.NETWORK, "main"), "demo-net"));
    waiter = new ReadinessWaiter(clock, clock.pause(), host.httpProbe());
  }

  private void startWeb(String image) {
    host.addImage(image);
    ContainerResource web = Fixtures.web(image, 8080);
    host.createContainer("demo", web, "web", "h1");
    host.startContainer("web");
  }

  @Test
  void returnsOnceTheHttpCheckAnswers2xx() {
    startWeb("app:1");
    waiter.await(host, "web", Fixtures.web("app:1", 8080));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void failsFastWhenTheContainerExitsAndSaysWhy() {
    host.script("app:broken", FakeScript.exitsAtOnce(3, "panic: bad key s3cr3t-value"));
    startWeb("app:broken");

    ProvisionException e =
        catchThrowableOfType(
            () -> waiter.await(host, "web", Fixtures.web("app:broken", 8080)),
            ProvisionException.class);

    assertThat(e.getMessage())
        .isEqualTo(
            String.join(
                "\n",
                "error: container web exited with code 3 before it was ready",
                "  at: container.web",
                "  expected: GET http://127.0.0.1:8080/version within 30s",
                "  found: last check (GET http://127.0.0.1:8080/version): never ran",
                "  last 20 log lines:",
                "    | starting web",
                "    | panic: bad key (sensitive)",
                "  hint: The container stopped by itself: fix what its log lines show (command,"
                    + " env, mounts, image), then run apply again."));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void timesOutAtTheDeadlineWithTheLastAnswer() {
    host.script("app:slow", FakeScript.notReady("waiting for database"));
    startWeb("app:slow");

    assertThatThrownBy(() -> waiter.await(host, "web", Fixtures.web("app:slow", 8080)))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("error: container web was not ready after 30s")
        .hasMessageContaining(
            "found: last check (GET http://127.0.0.1:8080/version): HTTP 503: starting")
        .hasMessageContaining("    | waiting for database")
        .hasMessageContaining("raise the readiness timeout (now 30s)");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-27T10:00:30Z"));
  }

  @Test
  void aWaitWhoseLinkWasLostNamesTheLinkNotTheContainer() {
    host.script("app:slow", FakeScript.notReady("waiting for database"));
    startWeb("app:slow");
    ProvisionException lost =
        ProvisionException.of("lost the SSH connection to h:22 (user u)", "check the network");
    host.loseConnection(lost);

    assertThatThrownBy(() -> waiter.await(host, "web", Fixtures.web("app:slow", 8080)))
        .isSameAs(lost);
  }

  @Test
  void postgresIsReadyWhenPgIsreadySucceedsInsideTheContainer() {
    host.addImage("pg:16");
    ContainerResource db = Fixtures.postgres("pg:16", "demo-data");
    host.createContainer("demo", db, "db", "h1");
    host.startContainer("db");

    waiter.await(host, "db", db);

    assertThat(host.calls()).contains("exec db pg_isready -h 127.0.0.1 -p 5432");
  }

  @Test
  void postgresThatNeverAnswersTimesOutWithPgIsreadysAnswer() {
    host.addImage("pg:16").script("pg:16", FakeScript.notReady());
    ContainerResource db = Fixtures.postgres("pg:16", "demo-data");
    host.createContainer("demo", db, "db", "h1");
    host.startContainer("db");

    assertThatThrownBy(() -> waiter.await(host, "db", db))
        .hasMessageContaining("pg_isready exit 2: 127.0.0.1:5432 - no response");
  }

  @Test
  void pausesGrowAndNeverPassTheDeadline() {
    host.script("app:slow", FakeScript.notReady());
    startWeb("app:slow");
    java.util.List<Duration> pauses = new java.util.ArrayList<>();
    ReadinessWaiter recording =
        new ReadinessWaiter(
            clock,
            d -> {
              pauses.add(d);
              clock.advance(d);
            },
            host.httpProbe());

    assertThatThrownBy(() -> recording.await(host, "web", Fixtures.web("app:slow", 8080)))
        .isInstanceOf(ProvisionException.class);

    assertThat(pauses.subList(0, 5))
        .containsExactly(
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(100));
    assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(30));
  }
}
