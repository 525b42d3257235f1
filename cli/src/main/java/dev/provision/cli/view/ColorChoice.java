package dev.provision.cli.view;

import java.util.Map;

/**
 * Whether the text view should be coloured, decided from facts the CLI gathers: colour only on a
 * terminal, and never when {@code NO_COLOR} is set to a non-empty value (https://no-color.org).
 * Pure: it reads no environment itself, so the CLI passes {@code System.console() != null} and
 * {@code System.getenv()}.
 */
public final class ColorChoice {
  private ColorChoice() {}

  public static boolean enabled(boolean terminal, Map<String, String> environment) {
    String noColor = environment.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty());
  }
}
