package dev.provision.observe;

import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.convex.AdminKeyStatus;
import dev.provision.driver.convex.CanonicalUrlDestination;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.convex.EnvChange;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * The admin API as reached through a host driver's port forward: when a call fails, the link to the
 * target is checked first, so a call cut by a lost SSH connection says "lost the SSH connection to
 * HOST:PORT" instead of blaming the backend ("could not reach", "did not answer").
 */
record LinkGuardedApi(ConvexAdminApi api, HostDriver host) implements ConvexAdminApi {

  private <T> T call(Supplier<T> body) {
    try {
      return body.get();
    } catch (ProvisionException e) {
      host.lostConnection()
          .ifPresent(
              lost -> {
                throw lost;
              });
      throw e;
    }
  }

  @Override
  public String version() {
    return call(api::version);
  }

  @Override
  public String instanceName() {
    return call(api::instanceName);
  }

  @Override
  public AdminKeyStatus checkAdminKey() {
    return call(api::checkAdminKey);
  }

  @Override
  public SortedMap<String, String> listEnvironmentVariables() {
    return call(api::listEnvironmentVariables);
  }

  @Override
  public void updateEnvironmentVariables(List<EnvChange> changes) {
    call(
        () -> {
          api.updateEnvironmentVariables(changes);
          return null;
        });
  }

  @Override
  public void updateCanonicalUrl(CanonicalUrlDestination destination, String url) {
    call(
        () -> {
          api.updateCanonicalUrl(destination, url);
          return null;
        });
  }
}
