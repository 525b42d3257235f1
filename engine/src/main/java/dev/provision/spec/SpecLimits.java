package dev.provision.spec;

/**
 * The documented limits on spec input. They keep a hostile or broken file from using unbounded
 * memory or time; a normal spec is far below each of them.
 */
final class SpecLimits {
  private SpecLimits() {}

  /** Largest spec file (or {@code ${file:}} reference) read: 1 MiB. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  /** Deepest nesting of mappings and lists. */
  static final int MAX_DEPTH = 32;

  /** Most aliases to a mapping or list in one file (stops "billion laughs" documents). */
  static final int MAX_ALIASES = 20;

  /** Most nodes after aliases and merge keys are expanded. */
  static final int MAX_NODES = 100_000;

  /** Longest {@code extends:} chain. */
  static final int MAX_OVERLAYS = 16;
}
