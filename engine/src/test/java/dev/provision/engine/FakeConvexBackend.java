package dev.provision.engine;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.convex.AdminKeyStatus;
import dev.provision.driver.convex.CanonicalUrlDestination;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.convex.ConvexApiException;
import dev.provision.driver.convex.EnvChange;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Convex backend held in memory for the engine's tests: it runs under a name and a secret and
 * judges admin keys with {@link AdminKeys#verify}, as the real one does. {@link #factory()} is the
 * seam through which {@link Doctor} reaches it; every URI asked for is recorded.
 */
final class FakeConvexBackend {
  String name;
  byte[] secret;
  boolean answers = true;

  /** Like a backend from before 2025-08-28: 404 on the env var endpoints. */
  boolean tooOld = false;

  final List<URI> asked = new ArrayList<>();

  FakeConvexBackend(String name, String secretHex) {
    this.name = name;
    this.secret = HexFormat.of().parseHex(secretHex);
  }

  ConvexApiFactory factory() {
    return (base, key) -> {
      asked.add(base);
      return new Client(key);
    };
  }

  private final class Client implements ConvexAdminApi {
    private final String key;

    Client(String key) {
      this.key = key;
    }

    private void reach() {
      if (!answers) {
        throw ProvisionException.of(
            "could not reach the Convex backend (ConnectException)",
            "check that the backend container runs");
      }
    }

    @Override
    public String version() {
      reach();
      return "fake-1.0";
    }

    @Override
    public String instanceName() {
      reach();
      return name;
    }

    @Override
    public AdminKeyStatus checkAdminKey() {
      reach();
      AdminKeyCheck check = AdminKeys.verify(name, secret, key);
      return check.valid()
          ? new AdminKeyStatus.Accepted(check.payload().readOnly(), List.of())
          : new AdminKeyStatus.Rejected(
              401, "BadAdminKey", "The provided admin key was invalid for this instance");
    }

    @Override
    public SortedMap<String, String> listEnvironmentVariables() {
      reach();
      if (tooOld) {
        throw new ConvexApiException(
            Diagnostic.error(null, null, "this backend image is older than provision supports")
                .withHint("upgrade it"),
            404,
            null,
            "Not Found",
            true);
      }
      return new TreeMap<>();
    }

    @Override
    public void updateEnvironmentVariables(List<EnvChange> changes) {
      reach();
    }

    @Override
    public void updateCanonicalUrl(CanonicalUrlDestination destination, String url) {
      reach();
    }
  }
}
