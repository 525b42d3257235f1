package dev.provision.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config-hash key touches the secrets file only when an apply really runs. */
class HashKeyTest {
  @TempDir Path dir;

  @Test
  void aNewKeyIsHeldInMemoryUntilStoredAndTakenOutAfterARollback() {
    SecretsFile file = new SecretsFile(dir.resolve(".provision/demo.secrets.json"));
    HashKey key = HashKey.load(file, true);
    assertThat(key.created()).isPresent();
    assertThat(Files.exists(file.path())).as("a refused apply leaves no file").isFalse();

    key.store(file);
    assertThat(file.get(HashKey.ENTRY)).isEqualTo(key.created());
    assertThat(HashKey.load(file, true).created()).as("the stored key is reused").isEmpty();

    key.forget(file);
    assertThat(Files.exists(file.path())).as("a rolled-back first apply leaves no file").isFalse();
  }

  @Test
  void forgettingKeepsTheFileWhenItHoldsMoreThanTheKey() {
    SecretsFile file = new SecretsFile(dir.resolve("demo.secrets.json"));
    file.put("instanceSecret", "a".repeat(64));
    HashKey key = HashKey.load(file, true);
    key.store(file);
    key.forget(file);
    assertThat(file.read()).containsOnlyKeys("instanceSecret");
  }

  @Test
  void aPlanNeverCreatesAKey() {
    SecretsFile file = new SecretsFile(dir.resolve("demo.secrets.json"));
    assertThat(HashKey.load(file, false).created()).isEmpty();
    assertThat(Files.exists(file.path())).isFalse();
  }
}
