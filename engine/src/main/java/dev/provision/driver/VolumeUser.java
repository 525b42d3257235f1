package dev.provision.driver;

import java.util.Map;

/**
 * A container (made by anyone) that mounts a given volume, as {@link HostDriver#volumeUsers}
 * reports it: enough to tell another writer of the same data and to take it out and back.
 *
 * @param restartPolicy as Docker spells it: no, always, unless-stopped, on-failure[:N]; null for a
 *     container provision made ({@link Labels#DEPLOYMENT}), whose own spec says it and which is
 *     never taken out as another writer
 */
public record VolumeUser(
    String name, String image, boolean running, String restartPolicy, Map<String, String> labels) {
  public VolumeUser {
    labels = Map.copyOf(labels);
  }
}
