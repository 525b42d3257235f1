package dev.provision.cli.view;

/**
 * Escaping for text placed in GitHub-flavoured Markdown: free text (reasons, notes) must not turn
 * into markup, links, HTML or extra table cells, and must stay on one line.
 */
final class MarkdownText {
  private MarkdownText() {}

  /** Free text for a paragraph or a table cell: one line, no markup. Null reads as empty. */
  static String inline(String text) {
    if (text == null) {
      return "";
    }
    text = ViewText.safe(text);
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '`', '*', '[', ']', '|', '#', '~' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A code span safe in a table cell; long enough backtick fences for text that holds some. */
  static String code(String text) {
    String body = ViewText.safe(text).replace("|", "\\|");
    return body.contains("`") ? "`` " + body + " ``" : "`" + body + "`";
  }

  /** Text inside an HTML element, such as a {@code <summary>}. */
  static String html(String text) {
    return ViewText.safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
