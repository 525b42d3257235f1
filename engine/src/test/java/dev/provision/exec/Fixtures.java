package dev.provision.exec;

import dev.provision.driver.FakeHostDriver;
import dev.provision.exec.ready.ReadinessWaiter;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Readiness;
import dev.provision.model.Value;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/** Small builders for exec tests. */
public final class Fixtures {
  public static final String DEPLOYMENT = "demo";

  private Fixtures() {}

  public static StepContext context(FakeHostDriver host, TestClock clock) {
    return new StepContext(
        DEPLOYMENT, host, new ReadinessWaiter(clock, clock.pause(), host.httpProbe()), line -> {});
  }

  /** A container with one published port and an HTTP readiness check on it. */
  public static ContainerResource web(String image, int hostPort) {
    return container(
        "web",
        image,
        List.of(new PortBinding("127.0.0.1", hostPort, 3210)),
        List.of(),
        Readiness.http(3210, "/version", Duration.ofSeconds(30)));
  }

  public static ContainerResource postgres(String image, String volume) {
    return container(
        "db",
        image,
        List.of(),
        List.of(Mount.volume(volume, "/var/lib/postgresql")),
        new Readiness(Readiness.Kind.POSTGRES, 5432, null, Duration.ofSeconds(30)));
  }

  public static ContainerResource container(
      String name, String image, List<PortBinding> ports, List<Mount> mounts, Readiness readiness) {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("LOG", Value.plain("info"));
    env.put("SECRET", Value.secret("s3cr3t-value"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, name),
        name,
        image,
        env,
        ports,
        mounts,
        "demo-net",
        name,
        List.of(),
        "unless-stopped",
        "SIGTERM",
        10,
        readiness,
        List.of(),
        null);
  }
}
