package dev.provision.engine;

import static dev.provision.engine.Deployment.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.convex.AdminKeys;
import dev.provision.outputs.EnvFileContent;
import dev.provision.secrets.SecretSightings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileOutputTest {
  @TempDir Path dir;

  @Test
  void writesUrlAndAFreshKeyKeepsUserLinesAndDropsConvexDeployment() throws Exception {
    Deployment d = new Deployment(dir).storeSecret(SECRET).envFile(".env.local");
    Files.writeString(
        d.envFile,
        "# my app\nVITE_FLAG=1\nCONVEX_DEPLOYMENT=dev:happy-otter-123\n"
            + "CONVEX_SELF_HOSTED_ADMIN_KEY='app|old'\n");

    EnvFileResult result =
        EnvFileOutput.write(
            d.spec(),
            EnvFileOutput.target(d.spec(), null),
            SecretSightings.look(d.spec(), d.drivers()));

    String text = Files.readString(d.envFile);
    Map<String, String> entries = EnvFileContent.parse(text).entries();
    assertThat(text)
        .startsWith("# my app\nVITE_FLAG=1\nCONVEX_SELF_HOSTED_ADMIN_KEY='app|01")
        .endsWith("'\nCONVEX_SELF_HOSTED_URL='http://127.0.0.1:3210'\n");
    assertThat(entries).doesNotContainKey("CONVEX_DEPLOYMENT");
    assertThat(
            AdminKeys.verify(
                    "app",
                    HexFormat.of().parseHex(SECRET),
                    entries.get("CONVEX_SELF_HOSTED_ADMIN_KEY"))
                .valid())
        .isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.envFile)))
        .isEqualTo("rw-------");
    assertThat(result.removed()).containsExactly("CONVEX_DEPLOYMENT");
    assertThat(result.url()).isEqualTo("http://127.0.0.1:3210");
    assertThat(result.warnings()).isEmpty();
    assertThat(result.toString()).doesNotContain(entries.get("CONVEX_SELF_HOSTED_ADMIN_KEY"));
  }

  @Test
  void theFileComesFromTheSpecElseOut() {
    Deployment withFile = new Deployment(dir).envFile(".env.local");
    Deployment without = new Deployment(dir);

    assertThat(EnvFileOutput.target(withFile.spec(), null)).isEqualTo(dir.resolve(".env.local"));
    assertThat(EnvFileOutput.target(withFile.spec(), dir.resolve("./.env.local")))
        .isEqualTo(dir.resolve(".env.local"));
    assertThat(EnvFileOutput.target(without.spec(), dir.resolve("x.env")))
        .isEqualTo(dir.resolve("x.env"));
    assertThatThrownBy(() -> EnvFileOutput.target(without.spec(), null))
        .hasMessageContaining("no env file to write")
        .hasMessageContaining("--out PATH");
    assertThatThrownBy(() -> EnvFileOutput.target(withFile.spec(), dir.resolve("other.env")))
        .hasMessageContaining("differs from outputs.envFile");
  }

  @Test
  void withoutASecretNothingIsWritten() {
    Deployment d = new Deployment(dir).envFile(".env.local");

    assertThatThrownBy(
            () ->
                EnvFileOutput.write(
                    d.spec(), d.envFile, SecretSightings.look(d.spec(), d.drivers())))
        .hasMessageContaining("no instance secret is known");
    assertThat(d.envFile).doesNotExist();
  }
}
