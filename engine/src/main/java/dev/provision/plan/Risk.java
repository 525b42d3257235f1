package dev.provision.plan;

/**
 * How much a change can hurt, from least to most. The highest risk of a plan is shown in its
 * summary; DATA_LOSS and IRREVERSIBLE get a banner.
 */
public enum Risk {
  /** Nothing stops or restarts. */
  SAFE,
  /** A container restarts; clients reconnect. */
  RESTART,
  /** The deployment is unavailable for a while. */
  DOWNTIME,
  /** Data is lost unless exported and imported. */
  DATA_LOSS,
  /** Cannot be undone by the engine (e.g. migrations, a rotated instance secret). */
  IRREVERSIBLE;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public Risk max(Risk other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
