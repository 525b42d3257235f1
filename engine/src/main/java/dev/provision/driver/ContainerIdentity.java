package dev.provision.driver;

/**
 * Which container and which image a name stands for right now: what a saved plan records, so that
 * applying it later can tell that the container was re-created or the image moved since.
 *
 * @param id the container's id
 * @param imageId the id of the image the container runs
 * @param configHash its {@code dev.provision.config-hash} label (keyed), or null when it has none
 */
public record ContainerIdentity(String id, String imageId, String configHash) {}
