package dev.provision.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvLocalGuardTest {
  @TempDir Path dir;

  @Test
  void noFileOrSelfHostedSettingsPass() throws Exception {
    EnvLocalGuard.check(dir);
    Files.writeString(
        dir.resolve(".env.local"),
        "CONVEX_SELF_HOSTED_URL=http://127.0.0.1:3210\n# CONVEX_DEPLOYMENT=old\n");
    EnvLocalGuard.check(dir);
  }

  @Test
  void aConvexDeploymentLineIsRefusedWithItsLineAndTheFix() throws Exception {
    Files.writeString(dir.resolve(".env.local"), "A=1\nexport CONVEX_DEPLOYMENT=dev:happy-cat\n");
    assertThatThrownBy(() -> EnvLocalGuard.check(dir))
        .isInstanceOf(ProvisionException.class)
        .satisfies(
            e -> {
              var d = ((ProvisionException) e).diagnostics().get(0);
              assertThat(d.message()).contains(".env.local line 2 sets CONVEX_DEPLOYMENT");
              assertThat(d.message()).doesNotContain("happy-cat");
              assertThat(d.hint()).startsWith("delete that line");
            });
  }

  @Test
  void everySpellingDotenvReadsIsRefusedToo() throws Exception {
    for (String line :
        List.of(
            "export\tCONVEX_DEPLOYMENT=dev:a",
            "CONVEX_DEPLOYMENT: dev:a",
            "  CONVEX_DEPLOYMENT = dev:a\r",
            "\uFEFFCONVEX_DEPLOYMENT=dev:a",
            "export   CONVEX_DEPLOYMENT=\"dev:a\"")) {
      Files.writeString(dir.resolve(".env.local"), line + "\n");
      assertThatThrownBy(() -> EnvLocalGuard.check(dir))
          .as(line)
          .isInstanceOf(ProvisionException.class)
          .hasMessageContaining("line 1 sets CONVEX_DEPLOYMENT");
    }
  }
}
