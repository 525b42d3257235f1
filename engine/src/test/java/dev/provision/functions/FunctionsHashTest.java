package dev.provision.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionsHashTest {
  @TempDir Path dir;

  private void app() throws Exception {
    Files.createDirectories(dir.resolve("convex/_generated"));
    Files.writeString(dir.resolve("convex/messages.ts"), "export const list = 1;\n");
    Files.writeString(dir.resolve("convex/_generated/api.d.ts"), "// generated\n");
    Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3}\n");
    Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"convex\":\"1.48.0\"}}");
  }

  @Test
  void sameFilesSameHash() throws Exception {
    app();
    assertThat(FunctionsHash.of(dir)).hasSize(64).isEqualTo(FunctionsHash.of(dir));
  }

  @Test
  void generatedCodeAndOtherFilesDoNotCount() throws Exception {
    app();
    String before = FunctionsHash.of(dir);
    Files.writeString(dir.resolve("convex/_generated/api.d.ts"), "// regenerated\n");
    Files.writeString(dir.resolve("package.json"), "{\"dependencies\":{\"convex\":\"1.48.0\"}} ");
    Files.writeString(dir.resolve("README.md"), "notes");
    assertThat(FunctionsHash.of(dir)).isEqualTo(before);
  }

  @Test
  void aChangedFunctionARenamedFileOrAChangedLockCounts() throws Exception {
    app();
    String before = FunctionsHash.of(dir);
    Files.writeString(dir.resolve("convex/messages.ts"), "export const list = 2;\n");
    String edited = FunctionsHash.of(dir);
    assertThat(edited).isNotEqualTo(before);
    Files.move(dir.resolve("convex/messages.ts"), dir.resolve("convex/other.ts"));
    assertThat(FunctionsHash.of(dir)).isNotEqualTo(edited);
    String renamed = FunctionsHash.of(dir);
    Files.writeString(dir.resolve("package-lock.json"), "{\"lockfileVersion\":3} ");
    assertThat(FunctionsHash.of(dir)).isNotEqualTo(renamed);
  }
}
