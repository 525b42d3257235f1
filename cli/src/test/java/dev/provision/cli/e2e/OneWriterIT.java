package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    Instant since = Instant.now();
    E2e.Run apply;
    OneWriterSampler sampler =
        OneWriterSampler.start(OneWriterSampler.sharedVolumes(() -> DockerCli.running(deployment)));
    try (sampler) {
      apply = e.run("apply", SPEC, with(args, "--yes"));
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
    assertThat(sampler.samples()).as(what + ": docker ps samples").isGreaterThan(3);
    assertThat(sampler.problems()).as(what).isEmpty();
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

  private static String[] with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(Arrays.asList(more));
    return all.toArray(String[]::new);
  }
}
