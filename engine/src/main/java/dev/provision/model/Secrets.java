package dev.provision.model;

import java.nio.file.Path;

/**
 * Where generated secrets live.
 *
 * @param file the secrets file (JSON, written 0600), resolved against the spec's folder
 * @param instanceSecret an instance secret given from outside (a reference), or null to adopt the
 *     live one or generate
 */
public record Secrets(Path file, Value instanceSecret) {}
