package dev.provision.engine;

import dev.provision.exec.StopRequest;
import dev.provision.secrets.AdoptSecret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How to apply.
 *
 * @param allowSecretRotation apply a plan that changes the instance secret (every admin key dies)
 * @param journalDir where the journal of each apply is written
 * @param parallelism how many independent steps may run at once
 * @param adoptSecret which copy of the instance secret wins when they disagree (given to {@link
 *     Engine#open}, which resolves the secrets)
 * @param stop how the caller asks a running apply to stop (Ctrl-C): it is then rolled back
 */
public record ApplyOptions(
    boolean allowSecretRotation,
    Path journalDir,
    int parallelism,
    Optional<AdoptSecret> adoptSecret,
    StopRequest stop,
    boolean noBackup) {

  /** Options that take a backup before a forward-only backend upgrade (the default). */
  public ApplyOptions(
      boolean allowSecretRotation,
      Path journalDir,
      int parallelism,
      Optional<AdoptSecret> adoptSecret,
      StopRequest stop) {
    this(allowSecretRotation, journalDir, parallelism, adoptSecret, stop, false);
  }

  /** Options for an apply that nobody will ask to stop, with no secret choice. */
  public ApplyOptions(boolean allowSecretRotation, Path journalDir, int parallelism) {
    this(allowSecretRotation, journalDir, parallelism, Optional.empty());
  }

  /** Options for an apply that nobody will ask to stop. */
  public ApplyOptions(
      boolean allowSecretRotation,
      Path journalDir,
      int parallelism,
      Optional<AdoptSecret> adoptSecret) {
    this(allowSecretRotation, journalDir, parallelism, adoptSecret, StopRequest.never());
  }

  /** The same options, stopped through {@code request}. */
  public ApplyOptions withStop(StopRequest request) {
    return new ApplyOptions(
        allowSecretRotation, journalDir, parallelism, adoptSecret, request, noBackup);
  }

  /**
   * The same options with or without the automatic backup before a forward-only backend upgrade
   * ({@code apply --no-backup}).
   */
  public ApplyOptions withNoBackup(boolean skip) {
    return new ApplyOptions(allowSecretRotation, journalDir, parallelism, adoptSecret, stop, skip);
  }
}
