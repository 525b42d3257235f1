package dev.provision.engine;

import static dev.provision.engine.Deployment.OTHER;
import static dev.provision.engine.Deployment.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.DriverFactory;
import dev.provision.secrets.SecretSightings;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyServiceTest {
  @TempDir Path dir;

  private static boolean validFor(String secret, IssuedKey key) {
    return AdminKeys.verify("app", HexFormat.of().parseHex(secret), key.key()).outcome()
        == AdminKeyCheck.Outcome.VALID;
  }

  @Test
  void theSpecReferenceWinsWithoutOpeningTheTarget() {
    Deployment d = new Deployment(dir).specReference(OTHER).storeSecret(SECRET);
    DriverFactory none =
        target -> {
          throw new AssertionError("the target must not be opened");
        };

    IssuedKey key =
        AdminKeyService.forDeployment(d.spec(), SecretSightings.look(d.spec(), none), false);

    assertThat(validFor(OTHER, key)).isTrue();
    assertThat(key.source()).isEqualTo("the spec's secrets.instanceSecret");
  }

  @Test
  void theLiveSecretWinsOverTheSecretsFile() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(SECRET, SECRET, null);

    IssuedKey key =
        AdminKeyService.forDeployment(d.spec(), SecretSightings.look(d.spec(), d.drivers()), true);

    assertThat(validFor(SECRET, key)).isTrue();
    assertThat(key.source()).isEqualTo("the backend container's INSTANCE_SECRET");
    assertThat(
            AdminKeys.verify("app", HexFormat.of().parseHex(SECRET), key.key())
                .payload()
                .readOnly())
        .isTrue();
  }

  @Test
  void theCredentialsFileServesWhenTheContainerHasNoSecretEnv() {
    Deployment d = new Deployment(dir).backend(null, SECRET, null);

    IssuedKey key =
        AdminKeyService.forDeployment(d.spec(), SecretSightings.look(d.spec(), d.drivers()), false);

    assertThat(validFor(SECRET, key)).isTrue();
    assertThat(key.source()).isEqualTo("the credentials file in the backend's volume");
  }

  @Test
  void theSecretsFileServesWhenNothingRuns() {
    Deployment d = new Deployment(dir).storeSecret(SECRET);

    IssuedKey key =
        AdminKeyService.forDeployment(d.spec(), SecretSightings.look(d.spec(), d.drivers()), false);

    assertThat(validFor(SECRET, key)).isTrue();
    assertThat(key.source()).isEqualTo("the secrets file " + d.secretsFile());
    assertThat(key.toString()).doesNotContain(key.key());
  }

  @Test
  void noSecretAnywhereSaysToApplyFirst() {
    Deployment d = new Deployment(dir);

    assertThatThrownBy(
            () ->
                AdminKeyService.forDeployment(
                    d.spec(), SecretSightings.look(d.spec(), d.drivers()), false))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("no instance secret is known for deployment app")
        .hasMessageContaining("run `provision apply " + d.spec().source() + "` first");
  }

  @Test
  void handGivenNameAndSecretAreChecked() {
    assertThatThrownBy(() -> AdminKeyService.issue("a|b", SECRET, "--instance-secret", false))
        .hasMessageContaining("not a valid Convex instance name");
    assertThatThrownBy(() -> AdminKeyService.issue("app", "xyz", "--instance-secret", false))
        .hasMessageContaining("not 64 hex digits")
        .hasMessageNotContaining("xyz");
    assertThat(AdminKeyService.verify("app", SECRET, "x", "app|zz").outcome())
        .isEqualTo(AdminKeyCheck.Outcome.BAD_HEX);
    String key = AdminKeyService.issue("app", SECRET, "x", false);
    assertThat(AdminKeyService.verify("app", SECRET, "x", " '" + key + "'\n").valid()).isTrue();
    assertThat(AdminKeyService.verify("app", SECRET, "x", "\"" + key + "\"").valid()).isTrue();
  }

  @Test
  void sightingsNeverShowASecret() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(SECRET, SECRET, null);

    SecretSightings seen = SecretSightings.look(d.spec(), d.drivers());

    assertThat(seen.toString()).doesNotContain(SECRET, OTHER);
  }
}
