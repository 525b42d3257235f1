package dev.provision.engine;

import static dev.provision.engine.Deployment.OTHER;
import static dev.provision.engine.Deployment.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Address;
import dev.provision.model.SecretKind;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.Risk;
import dev.provision.secrets.AdoptSecret;
import dev.provision.secrets.SecretsFile;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path that would change the instance secret of an existing deployment, on the in-memory
 * host: disagreeing copies stop apply until the user chooses, and a rotation needs its flag.
 */
class InstanceSecretSafetyTest {
  @TempDir Path dir;

  private static LiveSession open(Deployment d, Engine.Mode mode, AdoptSecret adopt) {
    return LiveSession.open(
        new SpecResult(d.spec(), List.of()),
        Path.of("app.yaml"),
        d.host,
        mode,
        Optional.ofNullable(adopt));
  }

  private static Optional<Change> change(Plan plan, Address address) {
    return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst();
  }

  @Test
  void aSecretsFileThatDisagreesWithTheRunningBackendStopsApplyUntilTheUserChooses() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(SECRET, SECRET, null);

    Plan plan = open(d, Engine.Mode.PLAN, null).plan();
    Diagnostic finding = plan.warnings().get(plan.warnings().size() - 1);
    assertThat(finding.isError()).isTrue();
    assertThat(finding.render())
        .isEqualTo(
            "error: the copies of the instance secret disagree: container INSTANCE_SECRET = A,"
                + " credentials file = A, secrets file = B (none in: spec reference)\n"
                + "  at: secrets.instanceSecret\n"
                + "  expected: one secret in every copy\n"
                + "  hint: apply changes nothing until you choose: --adopt-secret=live keeps the"
                + " secret the deployment runs with (the secrets file keeps its old value in its"
                + " history); --adopt-secret=file puts the secrets file's secret back, which"
                + " rotates it: add --allow-secret-rotation (every admin key issued from the live"
                + " one stops working). `provision doctor` explains each copy");

    LiveSession apply = open(d, Engine.Mode.APPLY, null);
    assertThatThrownBy(() -> apply.checkSecrets(true))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("secrets file = B")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining(OTHER);
    assertThat(new SecretsFile(d.secretsFile()).get(SecretKind.INSTANCE_SECRET.fileKey()))
        .contains(OTHER);
  }

  @Test
  void adoptingTheLiveSecretIsNoRotation() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(SECRET, SECRET, null);
    LiveSession live = open(d, Engine.Mode.APPLY, AdoptSecret.LIVE);
    assertThatCode(() -> live.checkSecrets(false)).doesNotThrowAnyException();
    assertThat(live.secretSources()).containsEntry("instance-secret", "live");
    assertThat(change(live.plan(), Names.INSTANCE_SECRET)).isPresent();
    assertThat(change(live.plan(), Names.BACKEND)).isEmpty();
  }

  @Test
  void adoptingTheFileIsARotationThatNeedsItsFlag() {
    Deployment d = new Deployment(dir).storeSecret(OTHER).backend(SECRET, SECRET, null);
    LiveSession file = open(d, Engine.Mode.APPLY, AdoptSecret.FILE);
    assertThat(file.secretSources()).containsEntry("instance-secret", "file");
    assertThatThrownBy(() -> file.checkSecrets(false))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("rotates the instance secret")
        .hasMessageContaining("--allow-secret-rotation");
    assertThatCode(() -> file.checkSecrets(true)).doesNotThrowAnyException();
    assertThat(change(file.plan(), Names.BACKEND).orElseThrow().risk())
        .isEqualTo(Risk.IRREVERSIBLE);
  }

  @Test
  void aChoiceThatCannotBeHonouredIsRefused() {
    Deployment noFile = new Deployment(dir).backend(SECRET, SECRET, null);
    assertThatThrownBy(() -> open(noFile, Engine.Mode.APPLY, AdoptSecret.FILE).checkSecrets(true))
        .hasMessageContaining("--adopt-secret=file, but the secrets file holds no instance secret");
    Deployment reference =
        new Deployment(dir.resolve("r")).specReference(SECRET).backend(SECRET, SECRET, null);
    assertThatThrownBy(
            () -> open(reference, Engine.Mode.APPLY, AdoptSecret.LIVE).checkSecrets(true))
        .hasMessageContaining("the spec's secrets.instanceSecret already decides");
  }

  @Test
  void aSpecReferenceThatDiffersFromTheVolumesCredentialsIsARotationEvenWithoutABackend() {
    Deployment d = new Deployment(dir).backend(SECRET, SECRET, null);
    d.host.removeContainer(Names.container("app", "backend"));
    d.specReference(OTHER);
    LiveSession s = open(d, Engine.Mode.APPLY, null);
    Change backend = change(s.plan(), Names.BACKEND).orElseThrow();
    assertThat(backend.risk()).isEqualTo(Risk.IRREVERSIBLE);
    assertThatThrownBy(() -> s.checkSecrets(false))
        .hasMessageContaining(
            "it runs with the credentials file in the backend's volume and would get the spec's"
                + " secrets.instanceSecret");
    assertThatCode(() -> s.checkSecrets(true)).doesNotThrowAnyException();
  }

  @Test
  void copiesThatAgreeNeedNoChoice() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);
    LiveSession s = open(d, Engine.Mode.APPLY, null);
    assertThatCode(() -> s.checkSecrets(false)).doesNotThrowAnyException();
    assertThat(s.plan().warnings()).noneMatch(Diagnostic::isError);
  }

  @Test
  void aRunningBackendStartedWithItsSecretIsNotCopiedOutOfItsVolume() {
    // the backend rewrites its credentials file from INSTANCE_SECRET at every start
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);
    LiveSession s = open(d, Engine.Mode.PLAN, null);
    assertThat(d.host.calls()).noneMatch(c -> c.startsWith("readFile"));
    assertThat(s.plan().warnings()).noneMatch(Diagnostic::isError);
  }

  @Test
  void aStoppedBackendsCredentialsFileIsStillReadAndCompared() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, OTHER, null);
    d.host.stopContainer(Names.container("app", "backend"), 1);
    Plan plan = open(d, Engine.Mode.PLAN, null).plan();
    assertThat(d.host.calls()).anyMatch(c -> c.startsWith("readFile"));
    assertThat(plan.warnings())
        .anyMatch(
            w ->
                w.isError()
                    && w.render()
                        .contains(
                            "container INSTANCE_SECRET = A, credentials file = B, secrets file ="
                                + " A"));
  }
}
