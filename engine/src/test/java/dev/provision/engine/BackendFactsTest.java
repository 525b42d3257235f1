package dev.provision.engine;

import static dev.provision.engine.Deployment.OTHER;
import static dev.provision.engine.Deployment.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.provision.convex.AdminKeys;
import dev.provision.driver.convex.ConvexAdminApi;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision doctor} and the check after apply share their checks of a running backend: the
 * same functions ({@link BackendFacts}) establish each fact, under one title, with one message.
 */
class BackendFactsTest {
  private static final URI BASE = URI.create("http://127.0.0.1:3210");
  @TempDir Path dir;

  private static ConvexAdminApi api(FakeConvexBackend backend, String secretHex) {
    String key = AdminKeys.issue("app", HexFormat.of().parseHex(secretHex), false);
    return backend.factory().open(BASE, key);
  }

  @Test
  void bothReportsCallTheSameCheckFunctions() {
    Set<String> shared = Set.of("version", "instanceName", "keyAccepted");
    assertThat(calledFacts(Verifier.class)).isEqualTo(shared);
    TreeSet<String> doctor = new TreeSet<>(calledFacts(Doctor.class));
    doctor.addAll(calledFacts(KeyAcceptance.class));
    assertThat(doctor).isEqualTo(shared);
  }

  @Test
  void theDoctorReportsTheSharedFactsInOrderUnderTheirTitles() {
    Deployment d = new Deployment(dir).storeSecret(SECRET).backend(SECRET, SECRET, null);
    List<String> names =
        new Doctor(d.drivers(), new FakeConvexBackend("app", SECRET).factory())
            .examine(d.spec()).stream()
                .map(DoctorCheck::name)
                .filter(n -> BackendFacts.SHARED.stream().anyMatch(f -> f.title().equals(n)))
                .toList();
    assertThat(names)
        .containsExactlyElementsOf(
            BackendFacts.SHARED.stream().map(BackendFacts.Fact::title).toList());
  }

  @Test
  void aFactReadsTheSameInBothReports() {
    BackendFacts.Finding name =
        BackendFacts.instanceName(
            api(new FakeConvexBackend("convex-self-hosted", SECRET), SECRET), BASE, "app");
    assertThat(name.asDoctorCheck().detail())
        .isEqualTo(name.asVerificationCheck().detail())
        .isEqualTo(
            "the backend was started with INSTANCE_NAME=convex-self-hosted:"
                + " admin keys for app are refused");
    assertThat(name.asDoctorCheck().name()).isEqualTo(name.asVerificationCheck().name());
    assertThat(name.asVerificationCheck().status()).isEqualTo(Verification.Status.FAILED);
    assertThat(name.asDoctorCheck().status()).isEqualTo(DoctorCheck.Status.FAIL);
  }

  @Test
  void eachFactHasOneMessage() {
    FakeConvexBackend backend = new FakeConvexBackend("app", SECRET);
    assertThat(BackendFacts.version(api(backend, SECRET), BASE).detail())
        .isEqualTo("fake-1.0 at http://127.0.0.1:3210");
    assertThat(BackendFacts.keyAccepted(api(backend, SECRET), BASE, Verifier.STORED).detail())
        .isEqualTo("a key issued from the stored instance secret is accepted");
    BackendFacts.Finding refused =
        BackendFacts.keyAccepted(api(backend, OTHER), BASE, Verifier.STORED);
    assertThat(refused.outcome()).isEqualTo(BackendFacts.Outcome.DOES_NOT_HOLD);
    assertThat(refused.detail())
        .isEqualTo(
            "the backend refused a key issued from the stored instance secret (BadAdminKey)");
    backend.answers = false;
    BackendFacts.Finding silent = BackendFacts.version(api(backend, SECRET), BASE);
    assertThat(silent.outcome()).isEqualTo(BackendFacts.Outcome.NO_ANSWER);
    assertThat(silent.detail())
        .isEqualTo(
            "GET http://127.0.0.1:3210/version: could not reach the Convex backend"
                + " (ConnectException)");
  }

  /** The {@link BackendFacts} check functions {@code type} calls. */
  private static Set<String> calledFacts(Class<?> type) {
    JavaClass c = new ClassFileImporter().importClasses(type, BackendFacts.class).get(type);
    return c.getMethodCallsFromSelf().stream()
        .filter(call -> call.getTargetOwner().isEquivalentTo(BackendFacts.class))
        .map(JavaMethodCall::getName)
        .filter(n -> Set.of("version", "instanceName", "keyAccepted").contains(n))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
