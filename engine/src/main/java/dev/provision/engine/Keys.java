package dev.provision.engine;

import dev.provision.convex.AdminKeys;
import dev.provision.convex.InstanceSecret;
import dev.provision.model.Value;

/** Issues admin keys for a deployment from its instance secret, locally. */
final class Keys {
  private Keys() {}

  static String adminKey(String deployment, Value secret) {
    return AdminKeys.issue(
        deployment, InstanceSecret.parse(secret.text(), "the instance secret").bytes(), false);
  }
}
