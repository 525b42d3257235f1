package dev.provision.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {
  @TempDir Path dir;

  private Path path() {
    return dir.resolve("app.secrets.json");
  }

  @Test
  void aReplacedValueIsKeptInTheHistoryAndLeavesItWhenItComesBack() throws Exception {
    SecretsFile file = new SecretsFile(path());
    file.put("instanceSecret", "a");
    file.put("instanceSecret", "b");
    file.put("postgresPassword", "p");
    assertThat(file.read())
        .containsExactly(
            java.util.Map.entry("instanceSecret", "b"),
            java.util.Map.entry("postgresPassword", "p"));
    assertThat(file.history("instanceSecret")).containsExactly("a");

    file.put("instanceSecret", "a");
    assertThat(file.get("instanceSecret")).contains("a");
    assertThat(file.history("instanceSecret")).containsExactly("b");

    file.put("instanceSecret", null);
    assertThat(file.get("instanceSecret")).isEmpty();
    assertThat(file.history("instanceSecret")).containsExactly("b", "a");

    String json = Files.readString(path());
    assertThat(json).contains("\"previous\"").contains("\"replaced\"");
    assertThat(new SecretsFile(path()).read()).containsOnlyKeys("postgresPassword");
  }

  @Test
  void theHistoryNameIsReservedAndOtherEntriesStayFlat() throws Exception {
    SecretsFile file = new SecretsFile(path());
    assertThatThrownBy(() -> file.put("previous", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    file.put("hash-key", "k");
    assertThat(Files.readString(path())).isEqualTo("{\n  \"hash-key\" : \"k\"\n}\n");
  }

  @Test
  void theFileIsCreated0600InA0700FolderAndAnExistingFolderIsNeverWidened() throws Exception {
    Path nested = dir.resolve("a").resolve("b").resolve("s.json");
    new SecretsFile(nested).put("k", "v");
    assertThat(mode(nested)).isEqualTo("rw-------");
    assertThat(mode(nested.getParent())).isEqualTo("rwx------");
    assertThat(mode(nested.getParent().getParent())).isEqualTo("rwx------");

    Path tight = dir.resolve("tight");
    Files.createDirectory(tight);
    Files.setPosixFilePermissions(tight, PosixFilePermissions.fromString("rwx--x---"));
    new SecretsFile(tight.resolve("s.json")).put("k", "v");
    assertThat(mode(tight)).isEqualTo("rwx--x---");
  }

  @Test
  void anUpdateThatChangesNothingDoesNotWrite() throws Exception {
    SecretsFile file = new SecretsFile(path());
    String answer = file.update(e -> "nothing");
    assertThat(answer).isEqualTo("nothing");
    assertThat(Files.exists(path())).isFalse();
    assertThat(file.createdHere()).isFalse();
  }

  @Test
  void onlyAFileThisObjectCreatedAndThatHoldsNothingIsDeleted() throws Exception {
    SecretsFile mine = new SecretsFile(path());
    mine.put("k", "v");
    assertThat(mine.createdHere()).isTrue();
    assertThat(mine.deleteIfCreatedHereAndEmpty()).isFalse(); // it holds an entry
    mine.update(
        e -> {
          e.set("k", null);
          e.forget("k", "v");
          return null;
        });
    assertThat(mine.deleteIfCreatedHereAndEmpty()).isTrue();
    assertThat(Files.exists(path())).isFalse();

    Files.writeString(path(), "{ }");
    SecretsFile theirs = new SecretsFile(path());
    theirs.put("k", "v");
    theirs.update(
        e -> {
          e.set("k", null);
          e.forget("k", "v");
          return null;
        });
    assertThat(theirs.deleteIfCreatedHereAndEmpty()).isFalse();
    assertThat(Files.exists(path())).isTrue();
  }

  @Test
  void aFileThatIsNotAnObjectOfSecretsIsRefusedWithoutShowingIt() throws Exception {
    Files.writeString(path(), "{\"k\": {\"nested\": \"s3cr3t\"}}");
    assertThatThrownBy(() -> new SecretsFile(path()).read())
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cannot read the secrets file")
        .hasMessageNotContaining("s3cr3t");
    Files.writeString(path(), "[1]");
    assertThatThrownBy(() -> new SecretsFile(path()).put("k", "v"))
        .isInstanceOf(ProvisionException.class);
    assertThat(Files.readString(path())).isEqualTo("[1]");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
