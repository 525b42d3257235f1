package dev.provision.standin;

/**
 * TEST STAND-IN ONLY. One module of the app's functions as the Convex CLI pushed it: its path in
 * {@code convex/} after bundling (for example {@code messages.js}), where it runs ({@code isolate}
 * or {@code node}) and the hash the CLI compares to skip unchanged modules (hex SHA-256 of source
 * then source map).
 */
record PushedModule(String path, String environment, String sha256) {}
