package dev.provision.driver.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.convex.AdminKeys;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConvexAdminApi} must do against a backend that runs with a known instance name
 * and secret. Subclasses supply the backend: the in-memory double, or the HTTP client against a
 * running backend container.
 */
abstract class ConvexAdminApiContract {

  /** The instance name the backend runs with. */
  protected abstract String instanceName();

  /** The 32-byte instance secret the backend runs with. */
  protected abstract byte[] secret();

  /** A client of that backend using this admin key (null: none). */
  protected abstract ConvexAdminApi client(String adminKey);

  private ConvexAdminApi admin() {
    return client(AdminKeys.issue(instanceName(), secret(), false));
  }

  @Test
  void reportsVersionAndName() {
    ConvexAdminApi api = admin();
    assertThat(api.version()).isNotBlank();
    assertThat(api.instanceName()).isEqualTo(instanceName());
  }

  @Test
  void acceptsKeysTheEngineIssues() {
    assertThat(admin().checkAdminKey()).isEqualTo(new AdminKeyStatus.Accepted(false, List.of()));
    AdminKeyStatus readOnly =
        client(AdminKeys.issue(instanceName(), secret(), true)).checkAdminKey();
    // A read-only key is limited to the read operations, which the backend lists.
    assertThat(readOnly)
        .isInstanceOfSatisfying(
            AdminKeyStatus.Accepted.class,
            a -> {
              assertThat(a.readOnly()).isTrue();
              assertThat(a.allowedOps())
                  .containsExactlyElementsOf(InMemoryConvexAdminApi.READ_ONLY_OPERATIONS);
            });
  }

  @Test
  void rejectsAKeyFromAnotherSecret() {
    byte[] other = secret();
    other[0] ^= 1;
    AdminKeyStatus status = client(AdminKeys.issue(instanceName(), other, false)).checkAdminKey();
    assertThat(status).isInstanceOf(AdminKeyStatus.Rejected.class);
    assertThat(((AdminKeyStatus.Rejected) status).badAdminKey()).isTrue();
    assertThatThrownBy(
            () -> client(AdminKeys.issue(instanceName(), other, false)).listEnvironmentVariables())
        .isInstanceOfSatisfying(
            ConvexApiException.class, e -> assertThat(e.code()).isEqualTo("BadAdminKey"));
  }

  @Test
  void setsListsAndDeletesEnvironmentVariables() {
    ConvexAdminApi api = admin();
    String name = "CONTRACT_" + Integer.toHexString(Arrays.hashCode(secret()) & 0xffff);
    api.updateEnvironmentVariables(
        List.of(EnvChange.set(name + "_A", "one"), EnvChange.set(name + "_B", "two words")));
    assertThat(api.listEnvironmentVariables())
        .containsEntry(name + "_A", "one")
        .containsEntry(name + "_B", "two words");
    api.updateEnvironmentVariables(
        List.of(EnvChange.delete(name + "_A"), EnvChange.set(name + "_B", "2")));
    assertThat(api.listEnvironmentVariables())
        .doesNotContainKey(name + "_A")
        .containsEntry(name + "_B", "2");
    api.updateEnvironmentVariables(List.of(EnvChange.delete(name + "_B")));
    assertThat(api.listEnvironmentVariables()).doesNotContainKey(name + "_B");
  }

  @Test
  void readOnlyKeysCannotWrite() {
    ConvexAdminApi readOnly = client(AdminKeys.issue(instanceName(), secret(), true));
    assertThat(readOnly.listEnvironmentVariables()).isNotNull();
    assertThatThrownBy(
            () -> readOnly.updateEnvironmentVariables(List.of(EnvChange.set("RO_TEST", "x"))))
        .isInstanceOfSatisfying(
            ConvexApiException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void updatesCanonicalUrls() {
    admin().updateCanonicalUrl(CanonicalUrlDestination.CONVEX_CLOUD, "https://api.example.com");
    admin().updateCanonicalUrl(CanonicalUrlDestination.CONVEX_SITE, "https://site.example.com");
  }
}
