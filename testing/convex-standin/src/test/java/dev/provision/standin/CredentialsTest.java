package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TEST STAND-IN: the start script's precedence (env, then file, then default) and rewrite. */
class CredentialsTest {
  private static final String ENV_SECRET = "a".repeat(64);
  private static final String FILE_SECRET = "b".repeat(64);
  private static final String RANDOM_SECRET = "c".repeat(64);

  @TempDir Path dir;

  @Test
  void environmentWinsOverFiles() throws Exception {
    writeFiles("file-name", FILE_SECRET);
    Credentials c = resolve(Map.of("INSTANCE_NAME", "env-name", "INSTANCE_SECRET", ENV_SECRET));
    assertThat(c).isEqualTo(new Credentials("env-name", ENV_SECRET));
  }

  @Test
  void filesWinOverDefaultsAndLoseTheirTrailingNewline() throws Exception {
    writeFiles("file-name\n", FILE_SECRET + "\n");
    assertThat(resolve(Map.of())).isEqualTo(new Credentials("file-name", FILE_SECRET));
  }

  @Test
  void emptyEnvironmentValuesFallThroughToFiles() throws Exception {
    writeFiles("file-name", FILE_SECRET);
    Credentials c = resolve(Map.of("INSTANCE_NAME", "", "INSTANCE_SECRET", ""));
    assertThat(c).isEqualTo(new Credentials("file-name", FILE_SECRET));
  }

  @Test
  void defaultsAreTheFixedNameAndAFreshSecret() throws Exception {
    assertThat(resolve(Map.of()))
        .isEqualTo(new Credentials(Credentials.DEFAULT_NAME, RANDOM_SECRET));
    assertThat(Credentials.randomSecret()).matches("[0-9a-f]{64}");
  }

  @Test
  void aSecretThatIsNot64HexCharactersRefusesToStart() {
    for (String bad : new String[] {"a".repeat(63), "a".repeat(65), "g".repeat(64), "secret"}) {
      assertThatThrownBy(() -> resolve(Map.of("INSTANCE_SECRET", bad)))
          .isInstanceOf(StartupFailure.class)
          .hasMessage(
              "Invalid instance secret: expected 64 hex characters (32 bytes), found "
                  + bad.length()
                  + " characters");
    }
  }

  @Test
  void writeReplacesBothFiles() throws Exception {
    writeFiles("old-name", FILE_SECRET);
    new Credentials("new-name", ENV_SECRET).write(dir);
    assertThat(Files.readString(dir.resolve("instance_name"))).isEqualTo("new-name");
    assertThat(Files.readString(dir.resolve("instance_secret"))).isEqualTo(ENV_SECRET);
  }

  @Test
  void toStringAndDatabaseName() {
    Credentials c = new Credentials("convex-self-hosted", ENV_SECRET);
    assertThat(c.toString()).isEqualTo("Credentials[name=convex-self-hosted, secret=<redacted>]");
    assertThat(c.databaseName()).isEqualTo("convex_self_hosted");
    assertThat(c.secretBytes()).hasSize(32);
  }

  private Credentials resolve(Map<String, String> env) throws StartupFailure {
    return Credentials.resolve(env, dir, () -> RANDOM_SECRET);
  }

  private void writeFiles(String name, String secret) throws Exception {
    Files.writeString(dir.resolve("instance_name"), name);
    Files.writeString(dir.resolve("instance_secret"), secret);
  }
}
