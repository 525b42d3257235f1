package dev.provision.cli.view;

import dev.provision.plan.Recovery;

/**
 * Wording shared by the three views for the interrupted-apply section, so that text, Markdown and
 * JSON say the same thing. Display only.
 */
final class RecoveryText {
  /** What an interrupted apply completed and is not undone. */
  static final String NOTE =
      "What it completed that is harmless (networks, volumes, stored secrets, env vars, the"
          + " database) stays; the changes below converge from there.";

  private RecoveryText() {}

  /** The note, or null when nothing was left half-done (the headline says so then). */
  static String note(Recovery recovery) {
    return recovery.actions().isEmpty() ? null : NOTE;
  }

  /** Who ran the interrupted apply, as shown under the headline. */
  static String runBy(String holder) {
    return "(run by " + holder + ")";
  }
}
