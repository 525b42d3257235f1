package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.SourcePosition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    String name = file.toString();
    if (Files.isDirectory(file)) {
      return fail(
          Diagnostic.error(null, null, what + " `" + name + "` is a folder, not a file")
              .withHint("give the path of a YAML file"));
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > SpecLimits.MAX_FILE_BYTES) {
        return fail(
            Diagnostic.error(null, null, what + " `" + name + "` is too large")
                .withExpected("at most 1 MiB (1048576 bytes)")
                .withFound(size + " bytes"));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return fail(
          Diagnostic.error(null, null, what + " `" + name + "` does not exist")
              .withHint("check the path; relative paths start at the current folder"));
    } catch (IOException e) {
      return fail(
          Diagnostic.error(null, null, "cannot read " + what + " `" + name + "`")
              .withFound(e.getClass().getSimpleName())
              .withHint("check that the file is readable"));
    }
    return check(name, bytes);
  }

  /** Checks already-read bytes; {@code name} is used in positions. */
  static Result check(String name, byte[] bytes) {
    if (bytes.length == 0) {
      return fail(
          Diagnostic.error(new SourcePosition(name, 1, 1), null, "the file is empty")
              .withExpected("a YAML mapping with at least `version: 1` and `deployment: NAME`"));
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
    List<Diagnostic> tabs = tabIndentation(name, text);
    return tabs.isEmpty() ? new Result(text, null) : new Result(null, tabs);
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
