package dev.provision.spec;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YList;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:PATH}} in every string value, whole or embedded;
 * {@code $${} writes a literal {@code ${}. A value that used a reference becomes sensitive. A
 * {@code ${file:}} path is relative to the file the value was written in (the spec file for
 * {@code --set}); its content loses one trailing newline. A reference that cannot be resolved is
 * reported by name at its position and leaves an {@link Kind#UNRESOLVED} value, so later checks do
 * not report it twice. Messages name references, never their values.
 */
final class References {
  private final Map<String, String> environment;
  private final Path specFile;
  private final Diagnostics diagnostics;
  private final Set<String> read = new LinkedHashSet<>();

  References(Map<String, String> environment, Path specFile, Diagnostics diagnostics) {
    this.environment = environment;
    this.specFile = specFile;
    this.diagnostics = diagnostics;
  }

  YMap resolve(YMap root) {
    return (YMap) resolve(root, "");
  }

  /**
   * Every text a reference read (also line by line) and every whole value that used one: what must
   * never be shown.
   */
  Set<String> read() {
    return read;
  }

  private void remember(String text) {
    read.add(text);
    for (String line : text.split("\\R")) {
      read.add(line.strip());
    }
  }

  private YNode resolve(YNode node, String path) {
    if (node instanceof YMap map) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      map.entries()
          .forEach(
              (key, entry) ->
                  entries.put(
                      key,
                      new Entry(
                          entry.keyPosition(),
                          resolve(entry.value(), path.isEmpty() ? key : path + "." + key))));
      return new YMap(map.position(), entries);
    }
    if (node instanceof YList list) {
      return list;
    }
    YScalar scalar = (YScalar) node;
    if (scalar.kind() != Kind.STRING || !scalar.text().contains("${")) {
      return scalar;
    }
    return scalar(scalar, path);
  }

  private YScalar scalar(YScalar scalar, String path) {
    String text = scalar.text();
    StringBuilder out = new StringBuilder();
    boolean used = false;
    boolean failed = false;
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i);
        if (end < 0) {
          diagnostics.add(
              Diagnostic.error(scalar.position(), path, "a reference is not closed")
                  .withExpected("${env:NAME} or ${file:PATH}")
                  .withHint("add the closing `}`, or write `$${` for a literal `${`"));
          return unresolved(scalar);
        }
        if (text.indexOf("${", i + 2) >= 0 && text.indexOf("${", i + 2) < end) {
          diagnostics.add(
              Diagnostic.error(scalar.position(), path, "references do not nest")
                  .withExpected("${env:NAME} or ${file:PATH} with a plain name or path inside")
                  .withHint(
                      "set the variable or file name directly; `${` inside a reference"
                          + " is not expanded"));
          return unresolved(scalar);
        }
        String resolved = one(text.substring(i, end + 1), scalar, path);
        failed |= resolved == null;
        if (resolved != null) {
          remember(resolved);
        }
        out.append(resolved == null ? "" : resolved);
        used = true;
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    if (failed) {
      return unresolved(scalar);
    }
    if (used) {
      remember(out.toString());
    }
    return new YScalar(scalar.position(), out.toString(), Kind.STRING, used);
  }

  private String one(String reference, YScalar scalar, String path) {
    String inner = reference.substring(2, reference.length() - 1);
    int colon = inner.indexOf(':');
    String kind = colon < 0 ? inner : inner.substring(0, colon);
    String argument = colon < 0 ? "" : inner.substring(colon + 1);
    if (!kind.equals("env") && !kind.equals("file")) {
      diagnostics.add(
          Diagnostic.error(
                  scalar.position(), path, "unknown reference `" + Quote.of(reference) + "`")
              .withExpected("${env:NAME} or ${file:PATH}")
              .withHint("write `$${` for a literal `${`"));
      return null;
    }
    if (argument.isBlank()) {
      diagnostics.add(
          Diagnostic.error(
                  scalar.position(), path, "reference `" + Quote.of(reference) + "` is empty")
              .withExpected(kind.equals("env") ? "${env:NAME}" : "${file:PATH}"));
      return null;
    }
    return kind.equals("env")
        ? env(reference, argument, scalar, path)
        : file(reference, argument, scalar, path);
  }

  private String env(String reference, String name, YScalar scalar, String path) {
    String value = environment.get(name);
    if (value == null) {
      diagnostics.add(
          Diagnostic.error(
                  scalar.position(),
                  path,
                  "`"
                      + Quote.of(reference)
                      + "`: environment variable `"
                      + Quote.of(name)
                      + "` is not set")
              .withHint("export " + Quote.of(name) + " before running provision"));
    }
    return value;
  }

  private String file(String reference, String name, YScalar scalar, String path) {
    Path base =
        SetOverrides.FILE.equals(scalar.position().file())
            ? specFile
            : Path.of(scalar.position().file());
    Path file;
    try {
      file = base.resolveSibling(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      diagnostics.add(
          Diagnostic.error(
              scalar.position(), path, "`" + Quote.of(reference) + "`: the path is not usable"));
      return null;
    }
    String content;
    try {
      byte[] bytes = BoundedFile.read(file, "file", SpecLimits.MAX_FILE_BYTES);
      content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (ProvisionException e) {
      Diagnostic cause = e.diagnostics().get(0);
      diagnostics.add(
          Diagnostic.error(
                  scalar.position(), path, "`" + Quote.of(reference) + "`: " + cause.message())
              .withExpected(cause.expected())
              .withHint("the path is relative to the file the reference is written in"));
      return null;
    } catch (CharacterCodingException e) {
      diagnostics.add(
          Diagnostic.error(
                  scalar.position(),
                  path,
                  "`" + Quote.of(reference) + "`: the file is not UTF-8 text")
              .withHint("save the file as UTF-8"));
      return null;
    }
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }

  private static YScalar unresolved(YScalar scalar) {
    return new YScalar(scalar.position(), "", Kind.UNRESOLVED, true);
  }
}
