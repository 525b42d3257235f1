package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.HostDriverFixtures;
import dev.provision.driver.LockHolder;
import dev.provision.driver.VolumeUser;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Target;
import dev.provision.model.VolumeResource;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only run's one listing of an engine gives each deployment what its own filtered lists
 * would: the same observation and the same users of its volumes (another writer too, and a volume
 * provision did not label), with four list calls for the whole run instead of four per deployment.
 * On the real local engine, through a socket that counts the calls.
 */
class DockerListingIT extends HostDriverFixtures {
  @TempDir Path dir;

  @Override
  protected HostDriver newDriver() {
    return DockerHostDriver.connect(Target.Docker.local());
  }

  @Override
  protected String image() {
    return "provision-test/base:latest";
  }

  @Override
  protected String prefix() {
    return "pt-listing-";
  }

  @Test
  void eachDeploymentReadsFromTheListingWhatItsOwnListsWouldGive() throws Exception {
    ContainerResource app = fullSpec("app", idle()); // network, volume name("data"), container
    driver.createContainer(deployment, app, app.name(), "h1");
    driver.startContainer(app.name());
    String other = deployment + "x"; // a second deployment: a volume only
    String otherVolume = other + "-data";
    driver.createVolume(
        other, new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), otherVolume));
    volumes.add(otherVolume);
    ContainerResource sibling = simpleSpec("second", idle(), "no"); // the same image as app's
    driver.createContainer(other, sibling, sibling.name(), "h2");
    containers.add(deployment + "-lock");
    String lockId =
        driver
            .createLock(
                deployment,
                new LockHolder("a1", "alice", "build-1", 42, "provision apply", Instant.now()),
                Instant.now().plusSeconds(600))
            .orElseThrow();
    String byHand = name("by-hand"); // another writer of the first deployment's data
    containers.add(byHand);
    docker("run", "-d", "--name", byHand, "-v", name("data") + ":/data", image(), "sleep", "600");
    String bare = name("bare"); // a volume provision did not label, mounted by hand
    volumes.add(bare);
    String bareUser = name("bare-user");
    containers.add(bareUser);
    docker("run", "-d", "--name", bareUser, "-v", bare + ":/x", image(), "sleep", "600");

    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Path socket = dir.resolve("docker.sock");
    try (CountingProxy proxy = new CountingProxy(socket, calls, line -> false);
        SharedDockerConnections run =
            new SharedDockerConnections(
                Map.of("DOCKER_HOST", "unix://" + socket), Set.of(name("data"), otherVolume))) {
      Target.Docker engine = new Target.Docker(null, null, false);
      HostDriver first = run.driver(engine);
      HostDriver second = run.driver(engine);
      HostDriver none = run.driver(engine);

      assertSame(first.observe(deployment), driver.observe(deployment));
      assertSame(second.observe(other), driver.observe(other));
      assertSame(none.observe(deployment + "-none"), driver.observe(deployment + "-none"));
      assertThat(first.readLock(deployment)).isEqualTo(driver.readLock(deployment));
      assertThat(first.readLock(deployment).orElseThrow().id()).isEqualTo(lockId);
      assertThat(second.readLock(other)).isEmpty();
      assertThat(users(first.volumeUsers(name("data"))))
          .isEqualTo(users(driver.volumeUsers(name("data"))))
          .contains(app.name() + " provisioned", byHand + " by hand");
      assertThat(second.volumeUsers(otherVolume)).isEmpty();
      assertThat(users(first.volumeUsers(bare)))
          .isEqualTo(users(driver.volumeUsers(bare)))
          .containsExactly(bareUser + " by hand");

      // four lists for the three deployments; the unlabelled volume is asked for on its own (and
      // the default bridge the second container names, by name); one image inspect for the two
      // containers; each lock is inspected on its own
      assertThat(count(calls, "/networks?filters=%7B%22label")).isEqualTo(1);
      assertThat(count(calls, "/volumes?")).isEqualTo(1);
      assertThat(count(calls, "/containers/json?"))
          .isEqualTo(3); // labelled, users of the run's volumes, users of the bare one
      assertThat(count(calls, "/images/")).isEqualTo(1);
      assertThat(calls).anyMatch(c -> c.contains("/containers/" + other + "-lock/"));
      assertThat(calls).anyMatch(c -> c.contains("/containers/" + deployment + "-lock/"));
    }
  }

  @Test
  void aContainerReplacedSinceTheListingIsReadFromTheDeploymentsOwnLists() throws Exception {
    ContainerResource app = fullSpec("app", idle());
    driver.createContainer(deployment, app, app.name(), "h1");
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Path socket = dir.resolve("docker.sock");
    try (CountingProxy proxy = new CountingProxy(socket, calls, line -> false);
        SharedDockerConnections run =
            new SharedDockerConnections(Map.of("DOCKER_HOST", "unix://" + socket), Set.of())) {
      HostDriver listed = run.driver(new Target.Docker(null, null, false));
      assertSame(listed.observe(deployment), driver.observe(deployment)); // takes the listing

      // replaced by someone else's apply: the listing still names the old container's id
      driver.removeContainer(app.name());
      driver.createContainer(deployment, app, app.name(), "h2");
      ObservedState seen = listed.observe(deployment);

      assertSame(seen, driver.observe(deployment));
      assertThat(seen.resources().get(app.address()).appliedHash()).isEqualTo("h2");
      assertThat(count(calls, "/networks?filters=%7B%22label")).isEqualTo(2); // listing, own
    }
  }

  @Test
  void aListingAndItsImagesServeForTwoSecondsThenAreAskedAgain() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Path socket = dir.resolve("docker.sock");
    long[] now = {0};
    try (CountingProxy proxy = new CountingProxy(socket, calls, line -> false);
        DockerHostDriver engine =
            DockerHostDriver.connect(
                new Target.Docker("unix://" + socket, null, false), Map.of())) {
      DockerListing listing = new DockerListing(engine.connection(), Set.of(), () -> now[0]);
      listing.of(deployment);
      now[0] += DockerListing.MAX_AGE.toNanos();
      listing.of(deployment + "x");
      assertThat(count(calls, "/volumes?")).isEqualTo(1);
      now[0] += 1;
      listing.of(deployment);
      assertThat(count(calls, "/volumes?")).isEqualTo(2);

      // an image's inspect too (an image pulled meanwhile), a missing one as well
      int[] asked = {0};
      java.util.function.Supplier<java.util.Optional<com.fasterxml.jackson.databind.JsonNode>> ask =
          () -> {
            asked[0]++;
            return java.util.Optional.empty();
          };
      listing.image("img", ask);
      now[0] += DockerListing.MAX_AGE.toNanos();
      listing.image("img", ask);
      assertThat(asked[0]).isEqualTo(1);
      now[0] += 1;
      listing.image("img", ask);
      assertThat(asked[0]).isEqualTo(2);
    }
  }

  @Test
  void aListingTheEngineRefusesLeavesEachDeploymentToItsOwnCalls() throws Exception {
    ContainerResource app = fullSpec("app", idle());
    driver.createContainer(deployment, app, app.name(), "h1");
    String other = deployment + "x";
    String otherVolume = other + "-data";
    driver.createVolume(
        other, new VolumeResource(Address.of(Address.Kind.VOLUME, "data"), otherVolume));
    volumes.add(otherVolume);
    String byHand = name("by-hand");
    containers.add(byHand);
    docker("run", "-d", "--name", byHand, "-v", name("data") + ":/data", image(), "sleep", "600");
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Path socket = dir.resolve("docker.sock");
    // the engine (or a proxy before it) refuses the unfiltered label list, then the users list
    for (boolean usersOnly : new boolean[] {false, true}) {
      calls.clear();
      java.util.function.Predicate<String> refused =
          usersOnly
              ? line -> line.contains(otherVolume) && line.contains(name("data") + "%22")
              : line -> line.contains("%22" + dev.provision.driver.Labels.DEPLOYMENT + "%22");
      try (CountingProxy proxy = new CountingProxy(socket, calls, refused);
          SharedDockerConnections run =
              new SharedDockerConnections(
                  Map.of("DOCKER_HOST", "unix://" + socket), Set.of(name("data"), otherVolume))) {
        Target.Docker engine = new Target.Docker(null, null, false);
        HostDriver first = run.driver(engine);
        HostDriver second = run.driver(engine);

        assertSame(first.observe(deployment), driver.observe(deployment));
        assertSame(second.observe(other), driver.observe(other));
        assertThat(users(first.volumeUsers(name("data"))))
            .isEqualTo(users(driver.volumeUsers(name("data"))))
            .contains(byHand + " by hand");
        assertThat(second.volumeUsers(otherVolume)).isEmpty();
        // a refused listing is not asked for again
        assertThat(
                count(calls, "/volumes?filters=%7B%22label%22%3A%5B%22dev.provision.deployment%22"))
            .isEqualTo(1);
      }
      java.nio.file.Files.deleteIfExists(socket);
    }
  }

  @Test
  void aRunThatChangesItsTargetsListsNothingAhead() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Path socket = dir.resolve("docker.sock");
    try (CountingProxy proxy = new CountingProxy(socket, calls, line -> false);
        SharedDockerConnections run =
            new SharedDockerConnections(Map.of("DOCKER_HOST", "unix://" + socket))) {
      HostDriver one = run.driver(new Target.Docker(null, null, false));
      one.observe(deployment);
      one.observe(deployment);
      one.readLock(deployment);
      // each observation asks for its own filtered lists
      assertThat(calls.stream().filter(c -> c.contains("/networks?")).count()).isEqualTo(2);
      assertThat(calls).noneMatch(c -> c.contains("%22dev.provision.deployment%22%5D"));
      assertThat(calls).anyMatch(c -> c.contains("/containers/" + deployment + "-lock/"));
    }
  }

  private static void assertSame(ObservedState listed, ObservedState asked) {
    assertThat(listed.resources().keySet()).isEqualTo(asked.resources().keySet());
    listed
        .resources()
        .forEach(
            (address, seen) -> {
              var direct = asked.resources().get(address);
              assertThat(seen.resource().attributes())
                  .as(address.toString())
                  .isEqualTo(direct.resource().attributes());
              assertThat(seen.appliedHash()).isEqualTo(direct.appliedHash());
              assertThat(seen.ownership()).isEqualTo(direct.ownership());
            });
  }

  private static long count(List<String> calls, String part) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.contains(part)).count();
    }
  }

  private static List<String> users(List<VolumeUser> users) {
    return users.stream()
        .map(
            u ->
                u.name()
                    + (u.labels().containsKey(dev.provision.driver.Labels.DEPLOYMENT)
                        ? " provisioned"
                        : " by hand"))
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private static void docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  /**
   * A unix socket that passes every connection on to the local engine and keeps the request line of
   * each call made through it; a call whose request line {@code refused} matches is answered 500 by
   * the socket itself.
   */
  private static final class CountingProxy implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Thread accepting;

    CountingProxy(Path socket, List<String> calls, java.util.function.Predicate<String> refused)
        throws IOException {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      accepting =
          new Thread(
              () -> {
                while (true) {
                  try {
                    SocketChannel client = server.accept();
                    SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                    engine.connect(UnixDomainSocketAddress.of("/var/run/docker.sock"));
                    pipe(client, engine, calls, refused);
                    pipe(engine, client, null, null);
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      accepting.setDaemon(true);
      accepting.start();
    }

    private static void pipe(
        SocketChannel from,
        SocketChannel to,
        List<String> calls,
        java.util.function.Predicate<String> refused) {
      Thread t =
          new Thread(
              () -> {
                ByteBuffer buffer = ByteBuffer.allocate(65536);
                try (from) {
                  while (from.read(buffer) >= 0) {
                    buffer.flip();
                    if (calls != null) {
                      String text =
                          StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString();
                      for (String line : text.split("\r\n")) {
                        if (line.matches("^(GET|POST|PUT|DELETE|HEAD) /.*")) {
                          calls.add(line);
                          if (refused.test(line)) {
                            from.write(
                                ByteBuffer.wrap(
                                    ("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n"
                                            + "Connection: close\r\n\r\n")
                                        .getBytes(StandardCharsets.ISO_8859_1)));
                            to.close();
                            return;
                          }
                        }
                      }
                    }
                    while (buffer.hasRemaining()) {
                      to.write(buffer);
                    }
                    buffer.clear();
                  }
                  to.shutdownOutput();
                } catch (IOException ended) {
                  // either side closed
                }
              });
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
