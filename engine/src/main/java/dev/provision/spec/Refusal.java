package dev.provision.spec;

import dev.provision.diag.Diagnostic;

/**
 * Why a written value is refused, in words for a diagnostic: what is wrong (after the field's
 * name), what was expected and what to do. Display only: callers decide by its presence.
 */
record Refusal(String words, String expected, String hint) {

  /** Reports this refusal at {@code key}, showing the value unless it is sensitive or blank. */
  void report(Fields f, String key) {
    String shown = f.shown(key);
    Diagnostic d =
        f.error(key, "`" + f.path(key) + "` " + words).withExpected(expected).withHint(hint);
    f.add(shown == null || shown.isBlank() ? d : d.withFound(shown));
  }

  /** Reports {@code refusal} at {@code key} when there is one. */
  static void reportIf(Refusal refusal, Fields f, String key) {
    if (refusal != null) {
      refusal.report(f, key);
    }
  }

  /** True when the text has whitespace or a control character (a line break, an escape). */
  static boolean hasSpaceOrControl(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || Character.isSpaceChar(c)
                    || c == 0x2028
                    || c == 0x2029
                    || c == 0x85);
  }
}
