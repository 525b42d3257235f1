package dev.provision.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HostDriver} shares (a Docker engine, a host over SSH, the in-memory
 * double): what is created is observed back with equal attributes, its address and its applied
 * hash; removal is idempotent; only the asked deployment is seen. Cases that need real processes
 * (exit codes, exec, logs, files) run only when {@link #runsProcesses()} is true.
 *
 * <p>A subclass supplies a driver, an image with {@code sh} and {@code sleep}, and a name prefix
 * unique to it (objects are named {@code PREFIX<random>-...} and removed after each test).
 */
public abstract class HostDriverContract extends HostDriverFixtures {

  @Test
  void networkVolumeAndContainerObserveBackEqual() {
    ContainerResource spec = fullSpec("app", idle());
    driver.createContainer(deployment, spec, spec.name(), "hash-1");

    ObservedState observed = driver.observe(deployment);

    assertThat(observed.deployment()).isEqualTo(deployment);
    assertThat(observed.resources().keySet())
        .containsExactlyInAnyOrder(
            Address.of(Address.Kind.NETWORK, "net"),
            Address.of(Address.Kind.VOLUME, "data"),
            spec.address());
    assertThat(
            observed
                .resources()
                .get(Address.of(Address.Kind.NETWORK, "net"))
                .resource()
                .attributes())
        .isEqualTo(
            new NetworkResource(Address.of(Address.Kind.NETWORK, "net"), name("net")).attributes());
    assertThat(
            observed
                .resources()
                .get(Address.of(Address.Kind.VOLUME, "data"))
                .resource()
                .attributes())
        .isEqualTo(
            new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), name("data")).attributes());
    ObservedResource container = observed.resources().get(spec.address());
    assertThat(container.resource().attributes()).isEqualTo(spec.attributes());
    assertThat(container.appliedHash()).isEqualTo("hash-1");
    assertThat(container.status().running()).isFalse();
    assertThat(((ContainerResource) container.resource()).readiness()).isNull();
  }

  @Test
  void envIsRestrictedToTheSpecKeysAndKeepsSensitiveFlags() {
    ContainerResource spec = fullSpec("env", idle());
    driver.createContainer(deployment, spec, spec.name(), "h");

    ContainerResource seen = container(driver.observe(deployment), spec.address());

    assertThat(seen.env().keySet()).containsExactly("PLAIN", "SECRET_TOKEN");
    assertThat(seen.env().get("PLAIN")).isEqualTo(Value.plain("visible"));
    assertThat(seen.env().get("SECRET_TOKEN").sensitive()).isTrue();
    assertThat(seen.env().get("SECRET_TOKEN").text()).isEqualTo("s3cr3t-value");
  }

  @Test
  void aContainerWithoutCommandObservesNoCommand() {
    ContainerResource spec = simpleSpec("plain", List.of(), "no");
    driver.createContainer(deployment, spec, spec.name(), "h");

    ContainerResource seen = container(driver.observe(deployment), spec.address());

    assertThat(seen.command()).isEmpty();
    assertThat(seen.attributes()).isEqualTo(spec.attributes());
  }

  @Test
  void startedContainerIsRunningAndInspectable() {
    ContainerResource spec = simpleSpec("run", idle(), "unless-stopped");
    driver.createContainer(deployment, spec, spec.name(), "h");
    driver.startContainer(spec.name());
    driver.startContainer(spec.name());

    assertThat(driver.observe(deployment).resources().get(spec.address()).status().running())
        .isTrue();
    ContainerState state = driver.inspectContainer(spec.name()).orElseThrow();
    assertThat(state.running()).isTrue();
    assertThat(state.image()).isEqualTo(image());
    assertThat(state.labels())
        .containsEntry(Labels.DEPLOYMENT, deployment)
        .containsEntry(Labels.ADDRESS, spec.address().toString())
        .containsEntry(Labels.CONFIG_HASH, "h");

    driver.stopContainer(spec.name(), 5);
    driver.stopContainer(spec.name(), 5);
    assertThat(driver.inspectContainer(spec.name()).orElseThrow().running()).isFalse();
  }

  @Test
  void exitedContainerIsObservedStoppedWithItsExitCode() {
    assumeThat(runsProcesses()).isTrue();
    ContainerResource spec = simpleSpec("exits", List.of("sh", "-c", "exit 3"), "no");
    driver.createContainer(deployment, spec, spec.name(), "h");
    driver.startContainer(spec.name());
    awaitStopped(spec.name());

    ObservedResource seen = driver.observe(deployment).resources().get(spec.address());

    assertThat(seen.status().running()).isFalse();
    assertThat(seen.status().exitCode()).isEqualTo(3);
    assertThat(driver.inspectContainer(spec.name()).orElseThrow().exitCode()).isEqualTo(3);
  }

  @Test
  void temporaryNamesOfAReplaceAreObservedUnderTheirOwnAddress() {
    ContainerResource spec = simpleSpec("web", idle(), "no");
    driver.createContainer(deployment, spec, spec.name() + "-next", "h2");

    ObservedState during = driver.observe(deployment);
    Address next = Address.of(Address.Kind.CONTAINER, "web-next");
    assertThat(during.resources()).containsOnlyKeys(next);
    assertThat(container(during, next).name()).isEqualTo(spec.name() + "-next");
    assertThat(during.resources().get(next).appliedHash()).isEqualTo("h2");

    driver.renameContainer(spec.name() + "-next", spec.name());

    ObservedState after = driver.observe(deployment);
    assertThat(after.resources()).containsOnlyKeys(spec.address());
    assertThat(container(after, spec.address()).attributes()).isEqualTo(spec.attributes());
    assertThat(driver.inspectContainer(spec.name() + "-next")).isEmpty();
  }

  @Test
  void theRestartPolicyCanBeChangedOnAStoppedOrRunningContainer() {
    ContainerResource spec = simpleSpec("policy", idle(), "no");
    driver.createContainer(deployment, spec, spec.name(), "h");

    driver.setRestartPolicy(spec.name(), "unless-stopped");
    assertThat(container(driver.observe(deployment), spec.address()).restartPolicy())
        .isEqualTo("unless-stopped");

    driver.startContainer(spec.name());
    driver.setRestartPolicy(spec.name(), "no");
    ContainerResource seen = container(driver.observe(deployment), spec.address());
    assertThat(seen.restartPolicy()).isEqualTo("no");
    assertThat(seen.attributes()).isEqualTo(spec.attributes());
    assertThat(driver.inspectContainer(spec.name()).orElseThrow().running()).isTrue();
  }

  @Test
  void removingIsIdempotentAndMissingThingsAreNoError() {
    ContainerResource spec = simpleSpec("gone", idle(), "no");
    driver.createContainer(deployment, spec, spec.name(), "h");
    driver.startContainer(spec.name());

    driver.removeContainer(spec.name());
    driver.removeContainer(spec.name());
    driver.removeNetwork(name("never-made"));
    driver.removeVolume(name("never-made"));

    assertThat(driver.inspectContainer(spec.name())).isEmpty();
    assertThat(driver.observe(deployment).resources()).isEmpty();
  }

  @Test
  void anotherDeploymentSeesNothing() {
    ContainerResource spec = fullSpec("mine", idle());
    driver.createContainer(deployment, spec, spec.name(), "h");

    assertThat(driver.observe(deployment + "-other").resources()).isEmpty();
    assertThat(driver.observe(deployment).resources()).hasSize(3);
  }

  @Test
  void execReturnsOutputAndExitCode() {
    assumeThat(runsProcesses()).isTrue();
    String name = started(simpleSpec("exec", idle(), "no"));

    ExecResult failed =
        driver.exec(name, List.of("sh", "-c", "printf out; printf err >&2; exit 3"));
    ExecResult ok = driver.exec(name, List.of("sh", "-c", "echo fine"));

    assertThat(failed).isEqualTo(new ExecResult(3, "out", "err"));
    assertThat(ok.ok()).isTrue();
    assertThat(ok.stdout()).isEqualTo("fine\n");
  }

  @Test
  void execHandsEnvironmentValuesToTheCommandWithoutACommandLine() {
    assumeThat(runsProcesses()).isTrue();
    String name = started(simpleSpec("execenv", idle(), "no"));

    ExecResult result =
        driver.exec(
            name,
            List.of("sh", "-c", "printf '%s|%s' \"$PT_VALUE\" \"$PT_OTHER\""),
            java.util.Map.of("PT_VALUE", "it's a s3cret", "PT_OTHER", "two"));

    assertThat(result).isEqualTo(new ExecResult(0, "it's a s3cret|two", ""));
  }

  @Test
  void readFileReturnsContentOrEmpty() {
    assumeThat(runsProcesses()).isTrue();
    String name = started(simpleSpec("files", idle(), "no"));
    driver.exec(name, List.of("sh", "-c", "printf 'line one\\nline two\\n' > /tmp/pt-note"));

    assertThat(driver.readFile(name, "/tmp/pt-note"))
        .hasValueSatisfying(
            bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo("line one\nline two\n"));
    assertThat(driver.readFile(name, "/tmp/pt-missing")).isEmpty();

    driver.stopContainer(name, 5);
    assertThat(driver.readFile(name, "/tmp/pt-note")).isPresent();
  }

  @Test
  void logTailHasStdoutAndStderrLines() {
    assumeThat(runsProcesses()).isTrue();
    String name =
        started(
            simpleSpec("talk", List.of("sh", "-c", "echo one; echo two >&2; echo three"), "no"));
    awaitStopped(name);

    assertThat(driver.logTail(name, 10)).containsExactlyInAnyOrder("one", "two", "three");
    assertThat(driver.logTail(name, 1)).hasSize(1);
  }

  @Test
  void imagesAreFoundOrNot() {
    assertThat(driver.hasImage(image())).isTrue();
    assertThat(driver.hasImage(prefix() + "missing/none:never")).isFalse();
    assertThat(driver.imageLabels(prefix() + "missing/none:never")).isEmpty();
  }

  @Test
  void aLockIsTakenOnceRenewedReadBackAndRemovedOnlyById() {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    LockHolder holder =
        new LockHolder("apply-1", "alice", "box", 4242, "provision apply SPEC", now);
    assertThat(driver.readLock(deployment)).isEmpty();

    String id = driver.createLock(deployment, holder, now.plusSeconds(60)).orElseThrow();
    try {
      assertThat(driver.createLock(deployment, holder, now.plusSeconds(60))).isEmpty();
      LockRecord read = driver.readLock(deployment).orElseThrow();
      assertThat(read.id()).isEqualTo(id);
      assertThat(read.holder()).isEqualTo(holder);
      assertThat(read.expires()).isEqualTo(now.plusSeconds(60));
      assertThat(read.step()).isEmpty();

      assertThat(driver.renewLock(deployment, id, now.plusSeconds(90), "container.backend/start"))
          .isTrue();
      LockRecord renewed = driver.readLock(deployment).orElseThrow();
      assertThat(renewed.expires()).isEqualTo(now.plusSeconds(90));
      assertThat(renewed.step()).contains("container.backend/start");

      assertThat(driver.observe(deployment).resources()).isEmpty();
      assertThat(driver.lockNameTakenByOther(deployment)).isFalse();
      driver.removeLock(deployment, "not-" + id);
      assertThat(driver.readLock(deployment)).isPresent();
    } finally {
      driver.removeLock(deployment, id);
    }
    assertThat(driver.readLock(deployment)).isEmpty();
    assertThat(driver.lockNameTakenByOther(deployment)).isFalse();
    assertThat(driver.renewLock(deployment, id, now.plusSeconds(90), null)).isFalse();
    driver.removeLock(deployment, id);
    String again = driver.createLock(deployment, holder, now.plusSeconds(60)).orElseThrow();
    driver.removeLock(deployment, again);
  }
}
