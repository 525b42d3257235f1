package dev.provision.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to apply.
 *
 * @param allowSecretRotation apply a plan that changes the instance secret (every admin key dies)
 * @param journalDir where the journal of each apply is written
 * @param parallelism how many independent steps may run at once
 * @param adoptSecret which copy of the instance secret wins when they disagree (given to {@link
 *     Engine#open(Path, java.util.List, Engine.Mode, Optional)}, which resolves the secrets)
 */
public record ApplyOptions(
    boolean allowSecretRotation,
    Path journalDir,
    int parallelism,
    Optional<AdoptSecret> adoptSecret) {

  public ApplyOptions(boolean allowSecretRotation, Path journalDir, int parallelism) {
    this(allowSecretRotation, journalDir, parallelism, Optional.empty());
  }
}
