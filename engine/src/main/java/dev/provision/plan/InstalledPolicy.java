package dev.provision.plan;

import java.util.ServiceLoader;

/**
 * The deployment policy found on the class path, for the deprecated callers that do not pass one
 * yet. A bridge, to be removed once every caller passes its {@link DeploymentPolicy}: the planner
 * cannot name the Convex policy without depending on it.
 */
final class InstalledPolicy {
  private InstalledPolicy() {}

  static DeploymentPolicy get() {
    return ServiceLoader.load(DeploymentPolicy.class)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no DeploymentPolicy on the class path"));
  }
}
