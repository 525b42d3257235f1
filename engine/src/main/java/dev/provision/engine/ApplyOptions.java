package dev.provision.engine;

import java.nio.file.Path;

/**
 * How to apply.
 *
 * @param allowSecretRotation apply a plan that changes the instance secret (every admin key dies)
 * @param journalDir where the journal of each apply is written
 * @param parallelism how many independent steps may run at once
 */
public record ApplyOptions(boolean allowSecretRotation, Path journalDir, int parallelism) {}
