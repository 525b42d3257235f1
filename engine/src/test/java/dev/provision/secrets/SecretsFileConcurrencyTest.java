package dev.provision.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads and two other processes write different entries to one secrets file at the same
 * time: no entry is lost, every read in between sees a valid file, and the file stays 0600.
 */
class SecretsFileConcurrencyTest {
  private static final int PER_WRITER = 25;

  @TempDir Path dir;

  @Test
  void threadsAndProcessesNeverLoseAnEntry() throws Exception {
    Path path = dir.resolve(".provision").resolve("app.secrets.json");
    List<Process> children = new ArrayList<>();
    for (String name : List.of("proc-a", "proc-b")) {
      children.add(child(path, name));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<?> reader =
          pool.submit(
              () -> {
                SecretsFile view = new SecretsFile(path);
                while (writing.get()) {
                  view.read(); // throws if a half-written file were ever visible
                  reads.incrementAndGet();
                }
                return null;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String prefix = "thread-" + t;
        writers.add(
            pool.submit(
                () -> {
                  SecretsFile file = new SecretsFile(path); // one object per writer, as steps do
                  for (int i = 0; i < PER_WRITER; i++) {
                    file.put(prefix + "-" + i, "value-" + prefix + "-" + i);
                  }
                  return null;
                }));
      }
      for (Future<?> w : writers) {
        w.get(120, TimeUnit.SECONDS);
      }
      for (Process p : children) {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
      }
      writing.set(false);
      reader.get(30, TimeUnit.SECONDS);
    } finally {
      writing.set(false);
      pool.shutdownNow();
      children.forEach(Process::destroyForcibly);
    }

    var entries = new SecretsFile(path).read();
    assertThat(entries).hasSize(6 * PER_WRITER);
    for (String prefix :
        List.of("thread-0", "thread-1", "thread-2", "thread-3", "proc-a", "proc-b")) {
      for (int i = 0; i < PER_WRITER; i++) {
        assertThat(entries).containsEntry(prefix + "-" + i, "value-" + prefix + "-" + i);
      }
    }
    assertThat(reads.get()).isPositive();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
        .isEqualTo("rwx------");
    try (var files = Files.list(path.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("app.secrets.json", "app.secrets.json.lock");
    }
  }

  private static Process child(Path path, String prefix) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(
            java,
            "-cp",
            classpath,
            SecretsFileWriterMain.class.getName(),
            path.toString(),
            prefix,
            String.valueOf(PER_WRITER))
        .redirectErrorStream(true)
        .start();
  }
}
