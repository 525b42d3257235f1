package dev.provision.spec;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one input file as text and refuses what is not a plausible spec before any YAML parsing:
 * missing, a folder, empty, too large, binary, not UTF-8, or indented with tabs. Pure apart from
 * reading the one file.
 */
final class SourceText {
  private SourceText() {}

  /** The text, or the reasons it cannot be used. Exactly one of the two is non-null. */
  record Result(String text, List<Diagnostic> problems) {}

  static Result read(Path file, String what) {
    try {
      return check(file.toString(), BoundedFile.read(file, what, SpecLimits.MAX_FILE_BYTES));
    } catch (ProvisionException e) {
      return new Result(null, e.diagnostics());
    }
  }

  /** Checks already-read bytes; {@code name} is used in positions. */
  static Result check(String name, byte[] bytes) {
    if (bytes.length == 0) {
      return fail(
          Diagnostic.error(new SourcePosition(name, 1, 1), null, "the file is empty")
              .withExpected("a YAML mapping with at least `version: 1` and `deployment: NAME`"));
    }
    String utf16 = utf16(bytes);
    if (utf16 != null) {
      return fail(
          Diagnostic.error(new SourcePosition(name, 1, 1), null, utf16 + " is not supported")
              .withExpected("a UTF-8 text file")
              .withHint("save the file as UTF-8"));
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return fail(
            Diagnostic.error(
                    at(name, bytes, i),
                    null,
                    "the file contains a NUL byte at offset " + i + ": it looks binary")
                .withExpected("a UTF-8 text file"));
      }
    }
    String text;
    try {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      int offset = firstBadByte(bytes);
      return fail(
          Diagnostic.error(
                  at(name, bytes, offset),
                  null,
                  "the file is not valid UTF-8 (byte offset " + offset + ")")
              .withExpected("a UTF-8 text file")
              .withHint("save the file as UTF-8"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Diagnostic breaks = oddLineBreak(name, text);
    if (breaks != null) {
      return fail(breaks);
    }
    List<Diagnostic> tabs = tabIndentation(name, text);
    return tabs.isEmpty() ? new Result(text, null) : new Result(null, tabs);
  }

  /**
   * The first line break other than LF or CRLF. YAML also breaks lines at a lone CR, NEL, U+2028
   * and U+2029, editors mostly do not, so positions would disagree: such a file is refused.
   */
  private static Diagnostic oddLineBreak(String name, String text) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = i + 1;
        continue;
      }
      boolean loneCr = c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
      if (loneCr || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        String what =
            loneCr
                ? "a carriage return (CR) without a line feed"
                : String.format("the line break U+%04X", (int) c);
        return Diagnostic.error(
                new SourcePosition(name, line, i - lineStart + 1), null, "the file uses " + what)
            .withExpected("lines ending in LF or CRLF")
            .withHint(
                "save the file with LF line endings; inside a double-quoted string write the"
                    + " character as an escape such as \\u2028");
      }
    }
    return null;
  }

  private static List<Diagnostic> tabIndentation(String name, String text) {
    List<Diagnostic> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      for (int col = 0; col < line.length(); col++) {
        char c = line.charAt(col);
        if (c == '\t') {
          out.add(
              Diagnostic.error(
                      new SourcePosition(name, i + 1, col + 1),
                      null,
                      "a tab is used for indentation")
                  .withExpected("spaces (YAML does not allow tabs for indentation)")
                  .withHint("replace the tab with spaces"));
          break;
        }
        if (c != ' ') {
          break;
        }
      }
    }
    return out;
  }

  /** "UTF-16" or "UTF-32" when the bytes start with such a byte order mark or look like it. */
  private static String utf16(byte[] b) {
    if (b.length >= 4
        && ((b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xFE && b[3] == (byte) 0xFF)
            || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0))) {
      return "UTF-32";
    }
    if (b.length >= 2
        && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF)
            || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
      return "UTF-16";
    }
    if (b.length >= 4
        && ((b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
            || (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0))) {
      return "UTF-16";
    }
    return null;
  }

  private static int firstBadByte(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  /** Line and column (in bytes, 1-based) of a byte offset. */
  private static SourcePosition at(String name, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourcePosition(name, line, offset - lineStart + 1);
  }

  private static Result fail(Diagnostic diagnostic) {
    return new Result(null, List.of(diagnostic));
  }
}
