package dev.provision.standin;

/**
 * TEST STAND-IN ONLY. Decides whether an admin key (the part after {@code Authorization: Convex })
 * is valid for this instance, and whether it is read-only. The image uses {@link
 * StandinKeyVerifier}; unit tests pass a fake.
 */
@FunctionalInterface
public interface KeyVerifier {
  /** The verdict on {@code key}; never throws for a malformed key (that is just invalid). */
  Verdict check(String key);

  /**
   * A verdict on one key.
   *
   * @param valid whether the backend would accept the key
   * @param readOnly whether the key only allows reads
   */
  record Verdict(boolean valid, boolean readOnly) {
    /** The verdict for a key from another secret or instance, or garbage. */
    public static Verdict invalid() {
      return new Verdict(false, false);
    }
  }
}
