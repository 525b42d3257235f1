package dev.provision.cli.view;

import dev.provision.diag.Quote;
import dev.provision.model.Reference;
import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;
import java.util.stream.Collectors;

/**
 * How one attribute difference reads in the text and Markdown views: its marker ({@code +}, {@code
 * ~}, {@code -}) and its values, quoted. A sensitive attribute only ever reads {@code (sensitive)}
 * or {@code (sensitive, changed)}, with {@code from env NAME} when an offline plan left its
 * reference unresolved; this is the one place that decides so.
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
      return masked(change);
    }
    if (change.before() == null) {
      return quote(change.after());
    }
    if (change.after() == null) {
      return quote(change.before());
    }
    return quote(change.before()) + " -> " + quote(change.after());
  }

  /**
   * A sensitive change: {@code (sensitive)}, {@code (sensitive, changed)}, or with an offline
   * reference {@code (sensitive, from env NAME)}, {@code (sensitive, changed, from env NAME)} (same
   * reference, other text around it) or both sides when the references differ.
   */
  static String masked(AttributeChange change) {
    Value before = change.before();
    Value after = change.after();
    if (before == null || after == null) {
      Value side = before == null ? after : before;
      return side.unresolved() ? ViewText.safe(side.display()) : Value.MASK;
    }
    if (!before.unresolved() && !after.unresolved()) {
      return CHANGED_MASK;
    }
    if (before.from().equals(after.from())) {
      return ViewText.safe(
          "(sensitive, changed, from "
              + after.from().stream()
                  .map(Reference::shown)
                  .distinct()
                  .collect(Collectors.joining(", "))
              + ")");
    }
    return ViewText.safe(before.asSensitive().display() + " -> " + after.asSensitive().display());
  }

  /** The side of a change as shown on one line of a diff; never the text of a sensitive value. */
  static String side(AttributeChange change, Value side) {
    if (change.sensitive()) {
      return side.unresolved() ? ViewText.safe(side.display()) : Value.MASK;
    }
    return quote(side);
  }

  /** A double-quoted string with control characters escaped, so a value is always one line. */
  static String quote(Value value) {
    String text = value.sensitive() ? value.display() : value.text();
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
