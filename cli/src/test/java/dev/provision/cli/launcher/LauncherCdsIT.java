package dev.provision.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./provision} launcher's class-data archive is an optimisation only: an archive damaged
 * after it was accepted (cut short, overwritten) is dropped and the run goes on without it, instead
 * of crashing every JVM that maps it. While it is there, it serves picocli's classes too (the build
 * gives them a class version and stack map frames the Java 17 archive takes), and the classes of
 * every command, whichever command wrote it.
 */
class LauncherCdsIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path cache;
  @TempDir Path work;

  @Test
  void aDamagedArchiveIsDroppedAndTheRunGoesOn() throws Exception {
    // first run dumps at exit, second accepts the dump as the archive, third maps it
    for (int i = 0; i < 3; i++) {
      assertThat(run().exit).as("run %d", i + 1).isZero();
    }
    Path archive = onlyArchive();
    assertThat(Path.of(archive + ".stamp")).exists();

    try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    Result damaged = run();

    assertThat(damaged.exit).isZero();
    assertThat(damaged.out).contains("container.backend");
    assertThat(archive).doesNotExist();
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith("hs_err"))).isEmpty();
    }
  }

  @Test
  void picocliComesFromTheArchive() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(run().exit).as("run %d", i + 1).isZero();
    }
    Path classes = work.resolve("classes.txt");

    Result mapped = run("-Xlog:class+load=info:file=" + classes);

    assertThat(mapped.exit).isZero();
    assertThat(mapped.out).contains("container.backend");
    List<String> picocli =
        Files.readAllLines(classes).stream().filter(l -> l.contains(" picocli.")).toList();
    assertThat(picocli).isNotEmpty();
    assertThat(picocli).allSatisfy(l -> assertThat(l).contains("source: shared objects file"));
  }

  @Test
  void anArchiveMadeByAPlanAgainstNothingServesWhatApplyLoads() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(run().exit).as("run %d", i + 1).isZero(); // never reaches a Docker engine
    }
    Path classes = work.resolve("classes.txt");

    // a run over the archive that loads the listed classes, as the run that wrote it did
    Result mapped = run("-Dprovision.cds.train=true -Xlog:class+load=info:file=" + classes);

    assertThat(mapped.exit).isZero();
    List<String> executor =
        Files.readAllLines(classes).stream()
            .filter(l -> l.contains(" dev.provision.exec.") && !l.contains("$$Lambda"))
            .toList();
    assertThat(executor).hasSizeGreaterThan(20); // the steps of an apply
    assertThat(executor).allSatisfy(l -> assertThat(l).contains("source: shared objects file"));
  }

  private Path onlyArchive() throws IOException {
    try (Stream<Path> files = Files.list(cache.resolve("provision/cds"))) {
      List<Path> archives = files.filter(p -> p.toString().endsWith(".jsa")).toList();
      assertThat(archives).hasSize(1);
      return archives.get(0);
    }
  }

  private record Result(int exit, String out) {}

  private Result run() throws Exception {
    return run(null);
  }

  private Result run(String javaOptions) throws Exception {
    Path out = work.resolve("out.txt");
    ProcessBuilder b =
        new ProcessBuilder(
                ROOT.resolve("provision").toString(),
                "plan",
                ROOT.resolve("specs/quickstart.yaml").toString(),
                "--against",
                "empty")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    b.environment().put("XDG_CACHE_HOME", cache.toString());
    b.environment().remove("PROVISION_JAVA_OPTS");
    if (javaOptions != null) {
      b.environment().put("PROVISION_JAVA_OPTS", javaOptions);
    }
    Process p = b.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out));
  }
}
