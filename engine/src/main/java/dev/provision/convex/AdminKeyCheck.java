package dev.provision.convex;

/**
 * The diagnosis of an admin key. STUB: the real implementation may add fields; {@link #valid()}
 * stays.
 */
public record AdminKeyCheck(boolean valid, String problem) {}
