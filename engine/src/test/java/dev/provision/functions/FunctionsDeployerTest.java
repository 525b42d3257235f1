package dev.provision.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionsDeployerTest {
  @TempDir Path dir;

  @Test
  void theChildGetsUrlAndKeyInItsEnvironmentAndNoCloudDeploymentSettings() {
    var deployer =
        new FunctionsDeployer(
            Map.of(
                "PATH", "/usr/bin",
                "CONVEX_DEPLOYMENT", "dev:happy-cat",
                "CONVEX_DEPLOY_KEY", "prod:secret",
                "CONVEX_SELF_HOSTED_URL", "http://elsewhere"));
    Map<String, String> env = deployer.childEnv(URI.create("http://127.0.0.1:3210/"), "name|01ab");
    assertThat(env)
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("CONVEX_SELF_HOSTED_URL", "http://127.0.0.1:3210")
        .containsEntry("CONVEX_SELF_HOSTED_ADMIN_KEY", "name|01ab")
        .doesNotContainKeys("CONVEX_DEPLOYMENT", "CONVEX_DEPLOY_KEY");
    assertThat(deployer.childEnv(null, null))
        .doesNotContainKeys(
            "CONVEX_DEPLOYMENT",
            "CONVEX_DEPLOY_KEY",
            "CONVEX_SELF_HOSTED_URL",
            "CONVEX_SELF_HOSTED_ADMIN_KEY");
  }

  @Test
  void npmCiRunsWhenNodeModulesIsMissingOrOlderThanTheLock() throws Exception {
    Files.writeString(dir.resolve("package-lock.json"), "{}");
    assertThat(FunctionsDeployer.needsInstall(dir)).isTrue();
    Files.createDirectories(dir.resolve("node_modules/convex"));
    Path installed = dir.resolve("node_modules/.package-lock.json");
    Files.writeString(installed, "{}");
    Files.setLastModifiedTime(
        dir.resolve("package-lock.json"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(installed, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
    assertThat(FunctionsDeployer.needsInstall(dir)).isFalse();
    Files.setLastModifiedTime(
        dir.resolve("package-lock.json"), FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
    assertThat(FunctionsDeployer.needsInstall(dir)).isTrue();
  }

  @Test
  void missingNodeToolsAreNamed() {
    assertThatThrownBy(() -> FunctionsTools.check(Map.of("PATH", dir.toString())))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("node, npm, npx are not found on PATH");
  }

  @Test
  void aVariableHoldingASpecSecretNeverReachesTheChild() {
    var deployer =
        new FunctionsDeployer(
            Map.of("PATH", "/usr/bin", "PGPASSWORD", "pg-secret-value", "SHORT", "abc"));
    assertThat(
            deployer.childEnv(
                URI.create("http://127.0.0.1:3210"),
                "name|01ab",
                dev.provision.model.Sensitive.of(List.of("pg-secret-value", "abc"))))
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("SHORT", "abc")
        .doesNotContainKey("PGPASSWORD")
        .doesNotContainValue("pg-secret-value");
  }
}
