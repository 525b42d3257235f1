package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * destroy --delete-data and a data volume provision adopted (made by hand, its secret only in its
 * credentials file): without a terminal, the volume survives unless --delete-adopted-volumes names
 * the deletion, and the output says which volume was kept and which flag deletes it.
 */
class AdoptedVolumeDestroyIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void anAdoptedVolumeSurvivesDeleteDataUntilTheFlagNamesItsDeletion() throws Exception {
    try (E2e e = new E2e()) {
      String volume = e.deployment + "-handdata";
      String init = e.deployment + "-init";
      try {
        Docker.run("volume", "create", volume);
        Docker.run(
            "run",
            "-d",
            "--name",
            init,
            "-e",
            "INSTANCE_NAME=" + e.deployment,
            "-v",
            volume + ":/convex/data",
            E2e.backendImage());
        ComposeTakeoverIT.awaitSecret(init);
        Docker.run("rm", "-f", init);
        String[] sets = {"--set", "dashboard.enabled=false", "--set", "backend.volume=" + volume};

        E2e.Run apply = e.run("apply", SPEC, ComposeTakeoverIT.with(sets, "--yes"));
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("& volume.data");

        E2e.Run kept =
            e.run("destroy", SPEC, ComposeTakeoverIT.with(sets, "--yes", "--delete-data"));
        assertThat(kept.code()).as(kept.all()).isZero();
        assertThat(kept.all())
            .contains("volume " + volume + " was made outside provision and adopted")
            .contains("--delete-adopted-volumes");
        assertThat(Docker.run("volume", "ls", "-q", "-f", "name=^" + volume + "$"))
            .isEqualTo(volume);
        assertThat(Docker.run("ps", "-aq", "-f", "name=^" + e.deployment + "-backend$")).isEmpty();

        E2e.Run deleted =
            e.run(
                "destroy",
                SPEC,
                ComposeTakeoverIT.with(sets, "--yes", "--delete-data", "--delete-adopted-volumes"));
        assertThat(deleted.code()).as(deleted.all()).isZero();
        assertThat(deleted.out()).contains("- volume.data");
        assertThat(Docker.run("volume", "ls", "-q", "-f", "name=^" + volume + "$")).isEmpty();
      } finally {
        e.close();
        Docker.quietly("rm", "-f", init);
        Docker.quietly("volume", "rm", volume);
      }
    }
  }
}
