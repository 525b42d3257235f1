package dev.provision.convex;

import dev.provision.model.Value;

/** Issues admin keys for a deployment from its instance secret, locally. */
public final class Keys {
  private Keys() {}

  public static String adminKey(String deployment, Value secret) {
    return AdminKeys.issue(
        deployment, InstanceSecret.parse(secret.text(), "the instance secret").bytes(), false);
  }
}
