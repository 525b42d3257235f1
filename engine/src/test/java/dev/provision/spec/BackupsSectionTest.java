package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Backups;
import dev.provision.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backups:} reads to a folder relative to the spec and a retention; defaults without it. */
class BackupsSectionTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n"
          + "  image: ghcr.io/get-convex/convex-backend:1111111111111111111111111111111111111111\n";

  @TempDir Path dir;

  private Spec read(String body) throws IOException {
    Path file = dir.resolve("provision.yaml");
    Files.writeString(file, body);
    return Fixtures.reader().read(file, List.of()).spec();
  }

  @Test
  void withoutTheSectionBackupsGoBesideTheSecretsFileAndTenAreKept() throws IOException {
    Spec spec = read(HEAD);
    assertThat(spec.backups()).isEqualTo(Backups.DEFAULT);
    assertThat(spec.backupDir()).isEqualTo(dir.resolve(".provision/backups").toAbsolutePath());
  }

  @Test
  void dirIsRelativeToTheSpecAndKeepIsRead() throws IOException {
    Spec spec = read(HEAD + "backups:\n  dir: ../safe/bk\n  keep: 3\n");
    assertThat(spec.backupDir()).isEqualTo(dir.resolve("../safe/bk").toAbsolutePath().normalize());
    assertThat(spec.backups().keep()).isEqualTo(3);
  }

  @Test
  void keepAloneKeepsTheDefaultFolder() throws IOException {
    Spec spec = read(HEAD + "backups:\n  keep: 1000\n");
    assertThat(spec.backups().keep()).isEqualTo(1000);
    assertThat(spec.backupDir()).isEqualTo(dir.resolve(".provision/backups").toAbsolutePath());
  }
}
