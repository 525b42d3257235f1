package dev.provision.plan;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a live plan saw on the target, recorded in a saved plan so that applying it later can tell
 * what moved in between: each container's id, image id and config hash label, the id each desired
 * image name resolves to, each volume's identity, each database's identity, the backend's version
 * and a keyed fingerprint of each secret. Never a secret value nor an unkeyed hash of one.
 *
 * @param containers by address ({@code container.backend})
 * @param images image name to the id it resolved to, {@link #ABSENT} when not on the host
 * @param volumes volume name to its identity (the apply that made it), {@link #ABSENT} when missing
 * @param backendVersion what the running backend's {@code /version} said, empty when not reachable
 * @param secrets by address: {@link #GENERATED} for a secret made at apply (compared by kind), else
 *     a keyed fingerprint ({@code hmac:HEX}), or {@link #UNKNOWN} when no key exists yet
 * @param databases by address ({@code database.postgres}): the database's oid, {@link #ABSENT} when
 *     it does not exist (or its managed server is not there), {@link #UNKNOWN} when it could not be
 *     read; empty in a plan file written before databases were recorded
 */
public record ObservedFacts(
    SortedMap<String, ContainerFacts> containers,
    SortedMap<String, String> images,
    SortedMap<String, String> volumes,
    Optional<String> backendVersion,
    SortedMap<String, String> secrets,
    SortedMap<String, String> databases) {

  public static final String ABSENT = "(absent)";
  public static final String GENERATED = "(generated)";
  public static final String UNKNOWN = "(unknown)";

  public ObservedFacts {
    containers = Collections.unmodifiableSortedMap(new TreeMap<>(containers));
    images = Collections.unmodifiableSortedMap(new TreeMap<>(images));
    volumes = Collections.unmodifiableSortedMap(new TreeMap<>(volumes));
    secrets = Collections.unmodifiableSortedMap(new TreeMap<>(secrets));
    databases = Collections.unmodifiableSortedMap(new TreeMap<>(databases));
  }

  /** Nothing observed (a plan against no target). */
  public static ObservedFacts none() {
    return new ObservedFacts(
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        Optional.empty(),
        new TreeMap<>(),
        new TreeMap<>());
  }

  /**
   * One container as it was.
   *
   * @param configHash its config hash label (keyed), null when it has none
   */
  public record ContainerFacts(String id, String imageId, String configHash) {}
}
