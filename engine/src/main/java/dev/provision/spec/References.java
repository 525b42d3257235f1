package dev.provision.spec;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import dev.provision.model.Reference;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YList;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:PATH}} in every string value, whole or embedded;
 * {@code $${} writes a literal {@code ${}. A value that used a reference becomes sensitive. A
 * {@code ${file:}} path is relative to the file the value was written in (the spec file for
 * {@code --set}); its content loses one trailing newline. A reference that cannot be resolved is
 * reported by name at its position and leaves an {@link Kind#UNRESOLVED} value, so later checks do
 * not report it twice. Messages name references, never their values.
 *
 * <p>In {@link ReferenceMode#OFFLINE} an unset variable or a missing file in a field {@link
 * OfflineFields} lists is not an error: the string is kept as written, as a {@link Kind#OFFLINE}
 * scalar, and read later as an unresolved {@link dev.provision.model.Value}.
 */
final class References {
  private final Map<String, String> environment;
  private final Path specFile;
  private final Diagnostics diagnostics;
  private final ReferenceMode mode;
  private final List<Reference> pending = new ArrayList<>();
  private final Set<String> read = new LinkedHashSet<>();
  private final Set<Path> files = new LinkedHashSet<>();

  References(
      Map<String, String> environment, Path specFile, Diagnostics diagnostics, ReferenceMode mode) {
    this.environment = environment;
    this.specFile = specFile;
    this.diagnostics = diagnostics;
    this.mode = mode;
  }

  References(Map<String, String> environment, Path specFile, Diagnostics diagnostics) {
    this(environment, specFile, diagnostics, ReferenceMode.RESOLVE);
  }

  /** The references written in a string, in order ({@code $${} is not one); for offline values. */
  static List<Reference> written(String text) {
    List<Reference> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        i += 3;
      } else if (text.startsWith("${", i) && text.indexOf('}', i) > 0) {
        int end = text.indexOf('}', i);
        String inner = text.substring(i + 2, end);
        if (inner.startsWith("env:")) {
          out.add(new Reference(Reference.Source.ENV, inner.substring(4)));
        } else if (inner.startsWith("file:")) {
          out.add(new Reference(Reference.Source.FILE, inner.substring(5)));
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  YMap resolve(YMap root) {
    return (YMap) resolve(root, "");
  }

  /**
   * Every text a reference read (also line by line) and every whole value that used one: what must
   * never be shown.
   */
  /** Every file a {@code ${file:}} reference names (read, or left unread offline). */
  List<Path> files() {
    return List.copyOf(files);
  }

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
    if (SensitiveInput.NAME_FIELDS.contains(path)) {
      // Refused whatever it holds (SensitiveInput.refuseInNames): never read, never reported twice.
      return unresolved(scalar);
    }
    return scalar(scalar, path);
  }

  private YScalar scalar(YScalar scalar, String path) {
    pending.clear();
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
    if (!pending.isEmpty()) {
      return new YScalar(scalar.position(), text, Kind.OFFLINE, true);
    }
    if (used) {
      remember(out.toString());
    }
    return new YScalar(scalar.position(), out.toString(), Kind.STRING, used);
  }

  /** True when an unset reference at this path may stay unresolved. */
  private boolean offline(String path) {
    return mode == ReferenceMode.OFFLINE && OfflineFields.opaque(path);
  }

  private String unsetHint(String what, String path) {
    if (mode == ReferenceMode.OFFLINE) {
      return what
          + ": `"
          + path
          + "` is needed to plan even offline (only "
          + OfflineFields.listed()
          + " may stay unset)";
    }
    return what;
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
    if (value == null && offline(path)) {
      pending.add(new Reference(Reference.Source.ENV, name));
      return "";
    }
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
              .withHint(
                  mode == ReferenceMode.OFFLINE
                      ? unsetHint("export " + Quote.of(name) + " or write the value", path)
                      : "export " + Quote.of(name) + " before running provision"));
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
    files.add(file);
    if (offline(path) && Files.notExists(file)) {
      pending.add(new Reference(Reference.Source.FILE, name));
      return "";
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
              .withHint(
                  mode == ReferenceMode.OFFLINE && Files.notExists(file)
                      ? unsetHint(
                          "create the file (relative to the file the reference is in)", path)
                      : "the path is relative to the file the reference is written in"));
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
