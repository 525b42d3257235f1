package dev.provision.engine;

import dev.provision.exec.StopRequest;
import java.nio.file.Path;

/**
 * How to apply.
 *
 * @param allowSecretRotation apply a plan that changes the instance secret (every admin key dies)
 * @param journalDir where the journal of each apply is written
 * @param parallelism how many independent steps may run at once
 * @param stop how the caller asks a running apply to stop (Ctrl-C): it is then rolled back
 */
public record ApplyOptions(
    boolean allowSecretRotation, Path journalDir, int parallelism, StopRequest stop) {

  /** Options for an apply that nobody will ask to stop. */
  public ApplyOptions(boolean allowSecretRotation, Path journalDir, int parallelism) {
    this(allowSecretRotation, journalDir, parallelism, StopRequest.never());
  }
}
