package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One writer per data set, watched from outside provision: every kind of replace of a container
 * that owns data (backend host ports, bind address, image, a knob; the managed Postgres image) is
 * applied in turn to one deployment, while a sampler runs {@code docker ps} and, afterwards, {@code
 * docker events} of the apply are replayed. The old container's {@code die} always comes before the
 * new one's {@code start}, and no sample ever shows two running containers mounting the same
 * volume.
 */
class OneWriterIT {
  private static final String SPEC = Path.of("..", "specs", "postgres-managed.yaml").toString();
  private static final String BACKEND = "container.backend";
  private static final String POSTGRES = "container.postgres";

  @Test
  void everyReplaceOfAStatefulContainerStopsTheOldOneFirst() throws Exception {
    try (E2e e = new E2e()) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--set",
                  "database.postgres.managed.image=" + E2e.postgresImage(),
                  "--set",
                  "database.postgres.managed.volume=" + e.deployment + "-pgdata",
                  "--set",
                  "dashboard.enabled=false",
                  "--set",
                  "outputs.envFile=" + e.dir.resolve(".env.local")));
      E2e.Run first = e.run("apply", SPEC, with(args, "--yes"));
      assertThat(first.code()).as(first.all()).isZero();

      replace(e, args, BACKEND, "host ports", "backend.ports.api=" + E2e.freePort());
      replace(e, args, BACKEND, "bind address", "backend.bind=127.0.0.2");
      replace(e, args, BACKEND, "a knob", "backend.knobs.rustLog=debug");
      replace(e, args, BACKEND, "the image", "backend.image=" + otherName(E2e.backendImage()));
      replace(
          e,
          args,
          POSTGRES,
          "the Postgres image",
          "database.postgres.managed.image=" + otherName(E2e.postgresImage()));

      E2e.Run plan = e.run("plan", SPEC, with(args, "--detailed-exitcode"));
      assertThat(plan.code()).as(plan.all()).isZero();
    }
  }

  /** Applies one more {@code --set}, watching the containers of {@code address}. */
  private static void replace(E2e e, List<String> args, String address, String what, String set)
      throws InterruptedException {
    args.add("--set");
    args.add(set);
    String deployment = "dev.provision.deployment=" + e.deployment;
    List<String> runningAtStart =
        DockerCli.runningIds(deployment, "dev.provision.address=" + address);
    assertThat(runningAtStart).as("before changing " + what).hasSize(1);

    Sampler sampler = new Sampler(deployment);
    Thread thread = new Thread(sampler, "docker-ps-sampler");
    Instant since = Instant.now();
    thread.start();
    E2e.Run apply;
    try {
      apply = e.run("apply", SPEC, with(args, "--yes"));
    } finally {
      sampler.stop.set(true);
      thread.join();
    }
    Instant until = Instant.now();
    assertThat(apply.code()).as(what + ": " + apply.all()).isZero();
    assertThat(apply.out()).as(what).contains("stopping the old one first");
    // The plan reads the running backend through the port it has now, not the one it will get.
    assertThat(apply.all()).as(what).doesNotContain("could not read the deployment env vars");

    ContainerEvents events = ContainerEvents.read(e.deployment, since, until);
    assertThat(events.starts(address)).as(what + ": " + events.of(address)).isEqualTo(1);
    assertThat(events.overlaps(address, runningAtStart))
        .as(what + ": " + events.of(address))
        .isEmpty();
    assertThat(sampler.samples).as(what + ": docker ps samples").isGreaterThan(3);
    assertThat(sampler.shared).as(what).isEmpty();
  }

  /**
   * Another name for the same local image, so the spec's image changes without a new image: the tag
   * {@code latest} written or left out.
   */
  private static String otherName(String image) {
    if (image.endsWith(":latest")) {
      return image.substring(0, image.length() - ":latest".length());
    }
    int slash = image.lastIndexOf('/');
    return image.indexOf(':', slash + 1) < 0 ? image + ":latest" : "docker.io/" + image;
  }

  /** Samples {@code docker ps} until stopped; records any volume two running containers mount. */
  private static final class Sampler implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    final List<String> shared = new ArrayList<>();
    final String label;
    volatile int samples;

    Sampler(String label) {
      this.label = label;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        Map<String, String> owner = new HashMap<>();
        for (String line : DockerCli.running(label)) {
          String[] parts = line.split("\\|", 2);
          String mounts = parts.length > 1 ? parts[1] : "";
          for (String volume : mounts.split(",")) {
            if (volume.isBlank()) {
              continue;
            }
            String other = owner.put(volume.strip(), parts[0]);
            if (other != null) {
              shared.add(volume + " mounted by " + other + " and " + parts[0]);
            }
          }
        }
        samples++;
        try {
          Thread.sleep(20); // each docker ps takes ~50 ms already; leave the cores to the apply
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static String[] with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }
}
