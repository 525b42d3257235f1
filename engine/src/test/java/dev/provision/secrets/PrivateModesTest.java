package dev.provision.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private by default: every folder and file provision writes that may hold a secret or a journal
 * has its final mode (0700 / 0600) from the moment it exists, even under {@code umask 000} (checked
 * in a child process, since a JVM cannot change its own umask); a {@code .provision} folder an
 * earlier version left 0755 is tightened with a warning.
 */
class PrivateModesTest {
  @TempDir Path dir;

  @Test
  void everyPrivateFileAndFolderIsCreatedWithItsFinalModeUnderAPermissiveUmask() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        "umask 000 && exec '"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + PrivateModesProbe.class.getName()
            + " '"
            + dir
            + "'";
    Process child = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes());
    assertThat(child.exitValue()).as(output).isZero();

    // the control file shows the umask was permissive: without the one-step mode it is 0666
    assertThat(mode(dir.resolve("control.txt"))).isEqualTo("rw-rw-rw-");
    assertThat(mode(dir.resolve(".provision"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve(".provision/journal"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("app"))).isEqualTo("rwx------");
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files =
          all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> !p.getFileName().toString().equals("control.txt"))
              .toList();
    }
    assertThat(files)
        .extracting(p -> dir.relativize(p).toString())
        .anyMatch(p -> p.startsWith(".provision/journal/app-") && p.endsWith(".jsonl"))
        .contains(
            ".provision/app.secrets.json",
            ".provision/app.secrets.json.lock",
            "app/.env.local",
            "plan.json")
        .hasSize(5); // no temp file left behind
    for (Path file : files) {
      assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
    }
  }

  @Test
  void aFolderLeftReadableByOthersIsTightenedWithAWarning() throws IOException {
    Path own = Files.createDirectory(dir.resolve(".provision"));
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxr-xr-x"));

    Optional<Diagnostic> warning = PrivateFiles.tighten(own);

    assertThat(mode(own)).isEqualTo("rwx------");
    assertThat(warning).isPresent();
    assertThat(warning.get().isError()).isFalse();
    assertThat(warning.get().render())
        .isEqualTo(
            "warning: the folder "
                + own
                + " was mode 0755 (an earlier version left it so); it is now 0700\n"
                + "  hint: it holds journals or secrets: if other users could read it, rotate the"
                + " secrets kept there");
    assertThat(PrivateFiles.tighten(own)).as("a private folder is left alone").isEmpty();
  }

  @Test
  void groupOnlyBitsAreTakenAwayToo() throws IOException {
    Path own = Files.createDirectory(dir.resolve("x"));
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx--x---"));
    assertThat(PrivateFiles.tighten(own)).isPresent();
    assertThat(mode(own)).isEqualTo("rwx------");
  }

  @Test
  void aMissingFolderOrASymbolicLinkIsLeftAlone() throws IOException {
    assertThat(PrivateFiles.tighten(dir.resolve("missing"))).isEmpty();
    Path target = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertThat(PrivateFiles.tighten(link)).isEmpty();
    assertThat(mode(target)).isEqualTo("rwxr-xr-x");
  }

  @Test
  void replacingAWideFileLeavesItPrivate() throws IOException {
    Path file = dir.resolve(".env.local");
    Files.writeString(file, "OLD=1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    PrivateFiles.replace(file, "NEW=1\n".getBytes());
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("NEW=1\n");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
