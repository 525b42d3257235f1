package dev.provision.cli.view;

import dev.provision.diag.Quote;
import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;

/**
 * How one attribute difference reads in the text and Markdown views: its marker ({@code +}, {@code
 * ~}, {@code -}) and its values, quoted. A sensitive attribute only ever reads {@code (sensitive)}
 * or {@code (sensitive, changed)}; this is the one place that decides so.
 */
final class AttributeText {
  static final String CHANGED_MASK = "(sensitive, changed)";

  private AttributeText() {}

  static String marker(AttributeChange change) {
    if (change.before() == null) {
      return "+";
    }
    return change.after() == null ? "-" : "~";
  }

  /** {@code "info" -> "debug"}, {@code "new"}, {@code "old"} or the sensitive masks. */
  static String values(AttributeChange change) {
    if (change.sensitive()) {
      return change.before() != null && change.after() != null ? CHANGED_MASK : Value.MASK;
    }
    if (change.before() == null) {
      return quote(change.after());
    }
    if (change.after() == null) {
      return quote(change.before());
    }
    return quote(change.before()) + " -> " + quote(change.after());
  }

  /** The side of a change as shown on one line of a diff; never the text of a sensitive value. */
  static String side(AttributeChange change, Value side) {
    return change.sensitive() ? Value.MASK : quote(side);
  }

  /** A double-quoted string with control characters escaped, so a value is always one line. */
  static String quote(Value value) {
    String text = value.sensitive() ? Value.MASK : value.text();
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Quote.unsafe(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
