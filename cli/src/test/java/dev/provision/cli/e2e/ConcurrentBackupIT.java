package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.backup.BackupFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two real CLI processes, a {@code backup} and a {@code restore}, on one deployment at the same
 * moment: the deployment lock lets one run at a time. Without waiting, the other refuses with exit
 * 1 naming the holder; with {@code --lock-timeout}, it waits and runs after. Docker's own events
 * show the backend is never stopped twice in a row (each stop is followed by its start before the
 * next stop), and it serves at the end.
 */
class ConcurrentBackupIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String[] NO_DASHBOARD = {"--set", "dashboard.enabled=false"};
  private static final Duration MAX = Duration.ofMinutes(3);

  @Test
  void aBackupAndARestoreAtOnceTakeTurnsOnTheBackend() throws Exception {
    try (E2e e = new E2e()) {
      assertThat(e.run("apply", SPEC, args("--yes")).code()).isZero();
      assertThat(e.run("backup", SPEC, NO_DASHBOARD).code()).isZero();
      Path archive = new BackupFolder(e.dir.resolve("backups"), e.deployment).archives().get(0);

      for (String timeout : List.of("0", "3m")) {
        Instant since = Instant.now();
        ChildCli a =
            ChildCli.start(
                e, "a" + timeout, Map.of(), "backup", SPEC, args("--lock-timeout", timeout));
        ChildCli b =
            ChildCli.start(
                e,
                "b" + timeout,
                Map.of(),
                "restore",
                SPEC,
                args(archive.toString(), "--lock-timeout", timeout, "--yes"));
        int codeA = a.await(MAX);
        int codeB = b.await(MAX);
        Instant until = Instant.now();
        int ran = 0;
        for (var pair : List.of(Map.entry(codeA, a), Map.entry(codeB, b))) {
          if (pair.getKey() == 0) {
            ran++;
          } else {
            assertThat(timeout).as(pair.getValue().all()).isEqualTo("0");
            assertThat(pair.getKey()).as(pair.getValue().all()).isEqualTo(1);
            assertThat(pair.getValue().all()).contains("is locked by");
          }
        }
        assertThat(ran).as(a.all() + b.all()).isGreaterThanOrEqualTo(1);
        List<String> stopsAndStarts =
            ContainerEvents.read(e.deployment, since, until).of("container.backend").stream()
                .filter(l -> l.startsWith("stop ") || l.startsWith("start "))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .toList();
        assertThat(stopsAndStarts)
            .as("each command stops the backend once and starts it before the next stop")
            .isEqualTo(
                ran == 2 ? List.of("stop", "start", "stop", "start") : List.of("stop", "start"));
        assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
      }
    }
  }

  private static String[] args(String... more) {
    return BackupRestoreIT.with(NO_DASHBOARD, more);
  }
}
