package dev.provision.live;

import dev.provision.model.Resource;

/**
 * A resource as read from the target.
 *
 * @param status runtime status for containers, null for everything else
 * @param appliedHash the config hash label the engine wrote when it last applied this resource, or
 *     null when there is none (the resource was not made by the engine or has no labels, such as an
 *     env var); it only tells drift from a spec change, it never decides a replace
 * @param ownership who made it: provision, or someone else (adopted or foreign)
 */
public record ObservedResource(
    Resource resource, RuntimeStatus status, String appliedHash, Ownership ownership) {

  public ObservedResource(Resource resource, RuntimeStatus status, String appliedHash) {
    this(resource, status, appliedHash, Ownership.OWNED);
  }

  public static ObservedResource of(Resource resource) {
    return new ObservedResource(resource, null, null);
  }
}
