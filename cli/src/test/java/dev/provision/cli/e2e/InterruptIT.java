package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.exec.Journal;
import dev.provision.exec.JournalEntry;
import dev.provision.exec.TestHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM sent to a real CLI process in the middle of a replace of the backend:
 * the apply stops, undoes what it did (the old backend serves again), says so, and exits 130 or
 * 143; the journal ends with the rollback and the next plan is empty. The same signals to a backup
 * in its stop window start the backend again and write nothing.
 */
class InterruptIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringAReplaceRollsItBack(String signal, int expected) throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      Path marker = e.dir.resolve("paused");

      ChildCli child =
          ChildCli.start(
              e,
              "interrupted",
              Map.of(
                  TestHooks.PAUSE_AT_STEP,
                  "container.backend/replace-container+",
                  TestHooks.PAUSE_MARKER,
                  marker.toString()),
              "apply",
              SPEC,
              "--set",
              "dashboard.enabled=false",
              "--set",
              "backend.knobs.rustLog=debug",
              "--yes");
      child.awaitFile(marker, Duration.ofSeconds(90));
      long sent = System.nanoTime();
      child.signal(signal);
      int code = child.await(Duration.ofSeconds(60));
      Duration took = Duration.ofNanos(System.nanoTime() - sent);

      assertThat(code).as(child.all()).isEqualTo(expected);
      assertThat(child.all())
          .contains("SIG" + signal + ": stopping")
          .contains("Apply was interrupted (SIG" + signal + ") and was rolled back");
      assertThat(took).as(child.all()).isLessThan(Duration.ofSeconds(30));
      List<JournalEntry> journal = Journal.read(lastJournal(e));
      assertThat(journal.get(journal.size() - 1).event()).isEqualTo(Journal.APPLY_FINISHED);
      assertThat(journal.get(journal.size() - 1).detail()).isEqualTo("ROLLED_BACK");
      assertThat(journal).extracting(JournalEntry::event).contains(Journal.STOP_REQUESTED);
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      E2e.Run plan = e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
    }
  }

  /**
   * The same signals to a real {@code provision backup} paused in its stop window (the backend
   * stopped, nothing copied): it starts the backend again, writes no archive (nor any partial
   * file), releases the lock and exits 130 or 143; the next plan is empty.
   */
  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringABackupStartsTheBackendAgain(String signal, int expected) throws Exception {
    try (E2e e = new E2e()) {
      E2e.Run first = e.run("apply", SPEC, "--set", "dashboard.enabled=false", "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      Path marker = e.dir.resolve("paused");
      ChildCli child =
          ChildCli.start(
              e,
              "backup",
              Map.of(
                  TestHooks.PAUSE_AT_STEP,
                  "backup@after-stop",
                  TestHooks.PAUSE_MARKER,
                  marker.toString()),
              "backup",
              SPEC,
              "--set",
              "dashboard.enabled=false");
      child.awaitFile(marker, Duration.ofSeconds(90));
      assertThat(Live.status(e.cloudUrl() + "/version")).isNotEqualTo(200);
      child.signal(signal);
      assertThat(child.await(Duration.ofSeconds(60))).as(child.all()).isEqualTo(expected);
      assertThat(child.all())
          .contains("SIG" + signal + ": stopping the backup")
          .contains("no archive was written; the backend was started again");
      assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      try (Stream<Path> files = Files.list(e.dir.resolve("backups"))) {
        assertThat(files).as("no archive, no partial file").isEmpty();
      }
      assertThat(Docker.run("ps", "-aq", "--filter", "name=^" + e.deployment + "-lock$")).isBlank();
      E2e.Run plan = e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
    }
  }

  private static Path lastJournal(E2e e) throws Exception {
    Path dir = Path.of("..", "specs", ".provision", "journal");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(e.deployment))
          .max((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()))
          .orElseThrow();
    }
  }
}
