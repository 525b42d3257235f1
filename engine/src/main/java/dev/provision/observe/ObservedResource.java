package dev.provision.observe;

import dev.provision.model.Resource;

/**
 * A resource as read from the target.
 *
 * @param status runtime status for containers, null for everything else
 * @param appliedHash the config hash label the engine wrote when it last applied this resource, or
 *     null when there is none (the resource was not made by the engine or has no labels, such as an
 *     env var); a hash that differs from the hash of {@code resource}'s attributes is drift
 */
public record ObservedResource(Resource resource, RuntimeStatus status, String appliedHash) {
  public static ObservedResource of(Resource resource) {
    return new ObservedResource(resource, null, null);
  }
}
