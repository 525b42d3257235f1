package dev.provision.arch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Java sources as text and lists their literals: every string literal's content and every
 * number literal, outside comments and Javadoc. Enough of Java's lexical rules for this project's
 * sources (strings, chars, text blocks, comments); not a parser.
 */
final class SourceLiterals {
  /** One literal: its text (a string's content, unescaped only for \" and \\) and where it is. */
  record Literal(String text, boolean string, Path file, int line) {
    @Override
    public String toString() {
      return file.getFileName() + ":" + line;
    }
  }

  private SourceLiterals() {}

  static List<Literal> under(Path... roots) {
    List<Literal> out = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          out.addAll(of(f, Files.readString(f)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static List<Literal> of(Path file, String src) {
    List<Literal> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (src.startsWith("//", i)) {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(src, i, end);
        i = end;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        out.add(new Literal(src.substring(i + 3, Math.max(i + 3, end - 3)), true, file, line));
        line += count(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (j < n && src.charAt(j) != c) {
          if (src.charAt(j) == '\\' && j + 1 < n) {
            char e = src.charAt(j + 1);
            text.append(e == '"' || e == '\\' || e == '\'' ? String.valueOf(e) : "\\" + e);
            j += 2;
          } else {
            text.append(src.charAt(j++));
          }
        }
        if (c == '"') {
          out.add(new Literal(text.toString(), true, file, line));
        }
        i = j + 1;
      } else if (Character.isDigit(c)
          && (i == 0 || !Character.isJavaIdentifierPart(src.charAt(i - 1)))) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
          j++;
        }
        out.add(new Literal(src.substring(i, j), false, file, line));
        i = j;
      } else if (Character.isJavaIdentifierStart(c)) {
        while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
          i++;
        }
      } else {
        i++;
      }
    }
    return out;
  }

  private static int count(String src, int from, int to) {
    int lines = 0;
    for (int k = from; k < to; k++) {
      if (src.charAt(k) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
