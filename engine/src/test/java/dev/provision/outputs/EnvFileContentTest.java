package dev.provision.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileContentTest {
  private static Map<String, String> selfHosted() {
    Map<String, String> set = new LinkedHashMap<>();
    set.put("CONVEX_SELF_HOSTED_URL", "http://127.0.0.1:3210");
    set.put("CONVEX_SELF_HOSTED_ADMIN_KEY", "app|01ab");
    return set;
  }

  @Test
  void keepsTheUsersLinesAndDropsConvexDeployment() {
    String before =
        "# my app\nCONVEX_DEPLOYMENT=dev:happy-cat-123\nVITE_CONVEX_URL=https://x\n\nOTHER='a b'\n";
    String after =
        EnvFileContent.parse(before).with(selfHosted(), EnvFileContent.CONFLICTING).text();
    assertThat(after)
        .isEqualTo(
            "# my app\nVITE_CONVEX_URL=https://x\n\nOTHER='a b'\n"
                + "CONVEX_SELF_HOSTED_URL='http://127.0.0.1:3210'\nCONVEX_SELF_HOSTED_ADMIN_KEY='app|01ab'\n");
  }

  @Test
  void replacesOwnedLinesInPlaceAndIsStable() {
    String before = "A=1\nCONVEX_SELF_HOSTED_URL=old\nB=2\nCONVEX_SELF_HOSTED_URL=dup\n";
    EnvFileContent once =
        EnvFileContent.parse(before).with(selfHosted(), EnvFileContent.CONFLICTING);
    assertThat(once.text())
        .isEqualTo(
            "A=1\nCONVEX_SELF_HOSTED_URL='http://127.0.0.1:3210'\nB=2\n"
                + "CONVEX_SELF_HOSTED_ADMIN_KEY='app|01ab'\n");
    assertThat(
            EnvFileContent.parse(once.text()).with(selfHosted(), EnvFileContent.CONFLICTING).text())
        .isEqualTo(once.text());
  }

  @Test
  void readsQuotedAndExportedEntries() {
    Map<String, String> e =
        EnvFileContent.parse("export A='x'\nB=\"y\"\n# C=z\nnot a line\n").entries();
    assertThat(e).containsExactly(Map.entry("A", "x"), Map.entry("B", "y"));
  }

  @Test
  void anEmptyFileGetsJustTheOwnedLines() {
    assertThat(EnvFileContent.parse("").with(selfHosted(), EnvFileContent.CONFLICTING).text())
        .isEqualTo(
            "CONVEX_SELF_HOSTED_URL='http://127.0.0.1:3210'\nCONVEX_SELF_HOSTED_ADMIN_KEY='app|01ab'\n");
  }
}
