package dev.provision.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");

  @Test
  void writesOneJsonLinePerEntryUnderTheDefaultPath() throws Exception {
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      journal.record("volume.data/create", Journal.STEP_STARTED, "create volume demo-data", null);

      assertThat(journal.file())
          .isEqualTo(dir.resolve(".provision/journal/demo-20261127T100000.000Z.jsonl"));
      assertThat(Files.readString(journal.file()))
          .isEqualTo(
              "{\"time\":\"2026-11-27T10:00:00Z\",\"deployment\":\"demo\","
                  + "\"step\":\"volume.data/create\",\"event\":\"step-started\","
                  + "\"detail\":\"create volume demo-data\"}\n");
    }
  }

  @Test
  void journalsArePrivateFromTheMomentTheyExist() throws Exception {
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file())))
          .isEqualTo("rw-------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve(".provision"))))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve(".provision/journal"))))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void neverOverwritesAnEarlierJournal() {
    Path first;
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      first = journal.file();
    }
    try (Journal journal = Journal.create(dir, "demo", clock, Redactor.NONE)) {
      assertThat(journal.file()).isNotEqualTo(first);
      assertThat(journal.file().getFileName().toString())
          .isEqualTo("demo-20261127T100000.000Z-2.jsonl");
    }
  }

  @Test
  void masksKnownSecretsInErrors() {
    Redactor redactor = Redactor.of(List.of(Value.secret("hunter2-long"), Value.plain("info")));
    try (Journal journal = Journal.create(dir, "demo", clock, redactor)) {
      journal.record(
          "s",
          Journal.STEP_FAILED,
          "set info",
          ProvisionException.of("bad value hunter2-long", "fix it"));

      JournalEntry entry = Journal.read(journal.file()).get(0);
      assertThat(entry.error()).isEqualTo("bad value (sensitive)");
      assertThat(entry.detail()).isEqualTo("set info");
    }
  }
}
