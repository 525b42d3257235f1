package dev.provision.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.Names;
import dev.provision.model.FileResource;
import dev.provision.model.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frontend's env file is observed by the keys it owns, plus a conflicting line to remove. */
class EnvFileObservationTest {
  @TempDir Path dir;

  @Test
  void readsOnlyTheOwnedKeysAndTheConflictingLine() throws IOException {
    Path file = dir.resolve(".env");
    Files.writeString(
        file,
        "# mine\nVITE_CONVEX_URL='http://old:3210'\nVITE_OTHER=1\nCONVEX_DEPLOYMENT=dev:x\n"
            + "CONVEX_SELF_HOSTED_ADMIN_KEY=should-not-be-read\n");
    SortedMap<String, Value> want = new TreeMap<>();
    want.put("VITE_CONVEX_URL", Value.plain("http://127.0.0.1:3210"));
    want.put("VITE_CONVEX_SITE_URL", Value.plain("http://127.0.0.1:3211"));

    Optional<SortedMap<String, Value>> seen =
        EnvFileObservation.read(
            new FileResource(Names.FRONTEND_ENV, file, want), "app", Value.plain("unknown"));

    SortedMap<String, Value> expected = new TreeMap<>();
    expected.put("VITE_CONVEX_URL", Value.plain("http://old:3210"));
    expected.put("CONVEX_DEPLOYMENT", Value.plain("dev:x"));
    assertThat(seen).contains(expected);
  }

  @Test
  void aMissingFileIsAbsent() {
    FileResource f = new FileResource(Names.FRONTEND_ENV, dir.resolve("none"), new TreeMap<>());
    assertThat(EnvFileObservation.read(f, "app", Value.plain("x"))).isEmpty();
  }
}
