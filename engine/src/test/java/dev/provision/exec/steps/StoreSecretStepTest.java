package dev.provision.exec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.FakeHostDriver;
import dev.provision.exec.Applied;
import dev.provision.exec.Fixtures;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestClock;
import dev.provision.exec.Undo;
import dev.provision.model.Value;
import dev.provision.secrets.SecretsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets file step: what it keeps, and that its undo touches only its own entry. */
class StoreSecretStepTest {
  private final StepContext context =
      Fixtures.context(new FakeHostDriver(), TestClock.at("2026-11-27T10:00:00Z"));

  @TempDir Path dir;

  private static void undo(Applied applied, StepContext context) throws Exception {
    ((Undo.Run) applied.undo()).action().run(context);
  }

  private StoreSecretStep step(SecretsFile file, String key, String value, boolean generated) {
    return new StoreSecretStep(
        "secret." + key, List.of(), file, key, Value.secret(value), generated);
  }

  @Test
  void aFailedFirstApplyLeavesNoFileBehind() throws Exception {
    SecretsFile file = new SecretsFile(dir.resolve("app.secrets.json"));
    StoreSecretStep instance = step(file, "instanceSecret", "gen-1", true);
    StoreSecretStep password = step(file, "postgresPassword", "gen-2", true);
    Applied instanceDone = instance.apply(context);
    Applied passwordDone = password.apply(context);
    assertThat(file.read()).containsOnlyKeys("instanceSecret", "postgresPassword");

    undo(passwordDone, context);
    assertThat(file.read()).containsOnlyKeys("instanceSecret");
    undo(instanceDone, context);
    assertThat(Files.exists(file.path())).isFalse();
  }

  @Test
  void undoRestoresOnlyItsOwnEntryAndKeepsEveryOtherWrite() throws Exception {
    SecretsFile file = new SecretsFile(dir.resolve("app.secrets.json"));
    file.put("instanceSecret", "old");
    StoreSecretStep instance = step(file, "instanceSecret", "live", false);
    Applied instanceDone = instance.apply(context);
    assertThat(file.history("instanceSecret")).containsExactly("old");

    new SecretsFile(file.path()).put("hash-key", "written by someone else meanwhile");
    undo(instanceDone, context);
    assertThat(file.read())
        .containsEntry("instanceSecret", "old")
        .containsEntry("hash-key", "written by someone else meanwhile");
    assertThat(file.history("instanceSecret")).containsExactly("live"); // adopted: kept
  }

  @Test
  void undoLeavesAnEntryThatChangedSinceTheStepWroteIt() throws Exception {
    SecretsFile file = new SecretsFile(dir.resolve("app.secrets.json"));
    StoreSecretStep step = step(file, "jwtPrivateKey", "mine", true);
    Applied stepDone = step.apply(context);
    new SecretsFile(file.path()).put("jwtPrivateKey", "theirs");
    undo(stepDone, context);
    assertThat(file.get("jwtPrivateKey")).contains("theirs");
    assertThat(Files.exists(file.path())).isTrue();
  }

  @Test
  void aValueAlreadyStoredNeedsNoUndo() throws Exception {
    SecretsFile file = new SecretsFile(dir.resolve("app.secrets.json"));
    file.put("instanceSecret", "same");
    StoreSecretStep step = step(file, "instanceSecret", "same", false);
    Applied stepDone = step.apply(context);
    assertThat(stepDone.undo()).isInstanceOf(Undo.NotNeeded.class);
    assertThat(file.history("instanceSecret")).isEmpty();
  }
}
