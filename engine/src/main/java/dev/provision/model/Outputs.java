package dev.provision.model;

import java.nio.file.Path;

/**
 * Files the engine writes for the app. {@code envFile} (the CLI's, with an admin key) and {@code
 * frontendEnv} (the browser's, URLs only) are null when not asked for.
 */
public record Outputs(Path envFile, FrontendEnv frontendEnv) {
  /** Only the CLI's env file (null for none). */
  public Outputs(Path envFile) {
    this(envFile, null);
  }
}
