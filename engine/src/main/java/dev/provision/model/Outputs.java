package dev.provision.model;

import java.nio.file.Path;

/** Files the engine writes for the app. {@code envFile} is null when none is asked for. */
public record Outputs(Path envFile) {}
