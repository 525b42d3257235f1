package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The classic self-hosting failure, prevented: the deployment was destroyed (data kept) and the
 * secrets file is lost. The next apply reads the secret the backend stored in its volume, so an
 * admin key issued before still works.
 */
class LostSecretsFileIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();

  @Test
  void theSecretComesBackFromTheDataVolume() throws Exception {
    try (E2e e = new E2e()) {
      String[] noDashboard = {"--set", "dashboard.enabled=false"};
      E2e.Run first = e.run("apply", SPEC, PostgresManagedIT.with(noDashboard, "--yes"));
      assertThat(first.code()).as(first.all()).isZero();
      Path secrets = e.dir.resolve("secrets.json");
      String secret = Live.instanceSecret(secrets);
      String key = Live.adminKey(e.deployment, secret);

      E2e.Run destroyed = e.run("destroy", SPEC, PostgresManagedIT.with(noDashboard, "--yes"));
      assertThat(destroyed.code()).as(destroyed.all()).isZero();
      Files.delete(secrets);

      E2e.Run status = e.run("status", SPEC, noDashboard);
      assertThat(status.out()).contains("instance-secret from live");

      E2e.Run back = e.run("apply", SPEC, PostgresManagedIT.with(noDashboard, "--yes"));
      assertThat(back.code()).as(back.all()).isZero();
      assertThat(Live.instanceSecret(secrets)).isEqualTo(secret);
      assertThat(Live.api(e.cloudUrl(), key).checkAdminKey().accepted()).isTrue();
      assertThat(String.join("\n", e.outputs)).doesNotContain(secret);
    }
  }
}
