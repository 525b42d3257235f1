package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.exec.FaultInjection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Private by default, end to end: a first apply that fails leaves no secrets file (nor a secret in
 * any file), a {@code .provision} folder an earlier version left 0755 is tightened to 0700 with a
 * warning on stderr, and the journal the failed apply wrote is 0600 in a 0700 folder.
 */
class FailedFirstApplyIT {
  @Test
  void aFailedFirstApplyLeavesNoSecretsFileAndPrivateJournals() throws Exception {
    try (E2e e = new E2e()) {
      Path spec = e.dir.resolve("spec.yaml");
      Files.copy(Path.of("..", "specs", "quickstart.yaml"), spec);
      Path own = Files.createDirectory(e.dir.resolve(".provision"));
      Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path secrets = e.dir.resolve("secrets.json");

      e.env.put(FaultInjection.FAIL_BEFORE_STEP, "container.backend/start-container");
      E2e.Run run = e.run("apply", spec.toString(), "--set", "dashboard.enabled=false", "--yes");
      e.env.remove(FaultInjection.FAIL_BEFORE_STEP);

      assertThat(run.code()).as(run.all()).isEqualTo(1);
      assertThat(run.out()).contains("rolled back");
      assertThat(run.err())
          .contains(
              "warning: the folder "
                  + own.toRealPath()
                  + " was mode 0755 (an earlier version left it so); it is now 0700");
      assertThat(secrets).as("a failed first apply leaves no secrets file").doesNotExist();
      assertThat(mode(own)).isEqualTo("rwx------");
      assertThat(mode(own.resolve("journal"))).isEqualTo("rwx------");
      List<Path> files;
      try (Stream<Path> all = Files.walk(e.dir)) {
        files = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
      }
      assertThat(files).anyMatch(p -> p.toString().endsWith(".jsonl"));
      for (Path file : files) {
        if (file.startsWith(own)) {
          assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(Files.readString(file))
            .as(file + " holds no secret (an instance secret is 64 hex digits)")
            .doesNotContainPattern("[0-9a-f]{64}");
      }
    }
  }

  /** The journal cannot be created (.provision is a file): nothing ran, nothing is left. */
  @Test
  void aFirstApplyThatCannotJournalLeavesNoSecretsFile() throws Exception {
    try (E2e e = new E2e()) {
      Path spec = e.dir.resolve("spec.yaml");
      Files.copy(Path.of("..", "specs", "quickstart.yaml"), spec);
      Files.writeString(e.dir.resolve(".provision"), "not a folder");

      E2e.Run run = e.run("apply", spec.toString(), "--set", "dashboard.enabled=false", "--yes");

      assertThat(run.code()).as(run.all()).isEqualTo(1);
      assertThat(run.err()).contains("cannot create the journal");
      assertThat(e.dir.resolve("secrets.json")).doesNotExist();
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
