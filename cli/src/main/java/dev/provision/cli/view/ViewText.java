package dev.provision.cli.view;

import dev.provision.diag.Quote;

/**
 * The one escaping function the plan views apply where they write a plan's strings: control
 * characters (ANSI escapes among them), invisible line breaks and bidirectional overrides become
 * visible escapes, so a tampered plan file cannot recolour, clear or rewrite the terminal or a
 * pull-request comment. Display only.
 */
final class ViewText {
  private ViewText() {}

  /** The text with every unsafe character escaped ({@code \e}, {@code \n}, {@code \u2028}). */
  static String safe(String text) {
    return Quote.escape(text);
  }
}
