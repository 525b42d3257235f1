package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YList;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

  References(Map<String, String> environment, Path specFile, Diagnostics diagnostics) {
    this.environment = environment;
    this.specFile = specFile;
    this.diagnostics = diagnostics;
  }

  YMap resolve(YMap root) {
    return (YMap) resolve(root, "");
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
        String resolved = one(text.substring(i, end + 1), scalar, path);
        failed |= resolved == null;
        out.append(resolved == null ? "" : resolved);
        used = true;
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return failed
        ? unresolved(scalar)
        : new YScalar(scalar.position(), out.toString(), Kind.STRING, used);
  }

  private String one(String reference, YScalar scalar, String path) {
    String inner = reference.substring(2, reference.length() - 1);
    int colon = inner.indexOf(':');
    String kind = colon < 0 ? inner : inner.substring(0, colon);
    String argument = colon < 0 ? "" : inner.substring(colon + 1);
    if (!kind.equals("env") && !kind.equals("file")) {
      diagnostics.add(
          Diagnostic.error(scalar.position(), path, "unknown reference `" + reference + "`")
              .withExpected("${env:NAME} or ${file:PATH}")
              .withHint("write `$${` for a literal `${`"));
      return null;
    }
    if (argument.isBlank()) {
      diagnostics.add(
          Diagnostic.error(scalar.position(), path, "reference `" + reference + "` is empty")
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
                  "`" + reference + "`: environment variable `" + name + "` is not set")
              .withHint("export " + name + " before running provision"));
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
          Diagnostic.error(scalar.position(), path, "`" + reference + "`: the path is not usable"));
      return null;
    }
    String problem = null;
    String content = null;
    try {
      if (!Files.isRegularFile(file)) {
        problem = "file `" + file + "` does not exist";
      } else if (Files.size(file) > SpecLimits.MAX_FILE_BYTES) {
        problem = "file `" + file + "` is larger than 1 MiB";
      } else {
        content =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
      }
    } catch (CharacterCodingException e) {
      problem = "file `" + file + "` is not UTF-8 text";
    } catch (IOException e) {
      problem = "file `" + file + "` cannot be read";
    }
    if (problem != null) {
      diagnostics.add(
          Diagnostic.error(scalar.position(), path, "`" + reference + "`: " + problem)
              .withHint("the path is relative to the file the reference is written in"));
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
