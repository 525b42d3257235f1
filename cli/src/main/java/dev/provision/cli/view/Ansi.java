package dev.provision.cli.view;

import dev.provision.plan.Action;

/**
 * ANSI colour for the text view, or none. The caller decides whether colour is on (a terminal and
 * {@code NO_COLOR} unset); this class never looks at the environment.
 */
final class Ansi {
  private static final String RESET = "\u001b[0m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String RED = "\u001b[31m";
  private static final String BOLD_RED = "\u001b[1;31m";

  private final boolean on;

  Ansi(boolean on) {
    this.on = on;
  }

  /** Green for create and adopt, yellow for update, red for replace and delete. */
  String forAction(Action action, String text) {
    return switch (action) {
      case CREATE, ADOPT -> paint(GREEN, text);
      case UPDATE -> paint(YELLOW, text);
      case REPLACE, DELETE -> paint(RED, text);
      case NO_OP -> text;
    };
  }

  /** The same colours for an attribute marker: {@code +} green, {@code ~} yellow, {@code -} red. */
  String forMarker(String marker, String text) {
    return switch (marker) {
      case "+" -> paint(GREEN, text);
      case "~" -> paint(YELLOW, text);
      default -> paint(RED, text);
    };
  }

  String banner(String text) {
    return paint(BOLD_RED, text);
  }

  private String paint(String code, String text) {
    String safe = ViewText.safe(text);
    return on ? code + safe + RESET : safe;
  }
}
