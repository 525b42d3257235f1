package dev.provision.driver.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of an OpenSSH client config ({@code ssh_config(5)}) that provision honours: {@code Host}
 * blocks with {@code *} and {@code ?} patterns (and {@code !} negations), where for each keyword
 * the first value found wins, except {@code IdentityFile}, whose values add up. Keywords: HostName,
 * User, Port, IdentityFile, IdentitiesOnly, UserKnownHostsFile, StrictHostKeyChecking, ProxyJump;
 * any other keyword (and a {@code Match} block) is ignored and listed in {@link Entry#ignored()}.
 * Pure: it parses text, it reads no file.
 */
final class SshConfig {
  static final Set<String> HONOURED =
      Set.of(
          "hostname",
          "user",
          "port",
          "identityfile",
          "identitiesonly",
          "userknownhostsfile",
          "stricthostkeychecking",
          "proxyjump");

  private record Line(List<String> patterns, String keyword, String value, String written) {}

  private final List<Line> lines;

  private SshConfig(List<Line> lines) {
    this.lines = lines;
  }

  static SshConfig empty() {
    return new SshConfig(List.of());
  }

  /** Parses the text of a config file; lines it cannot read are skipped, as ssh would refuse. */
  static SshConfig parse(String text) {
    List<Line> out = new ArrayList<>();
    List<String> patterns = List.of("*");
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int cut = indexOfSeparator(line);
      String written = cut < 0 ? line : line.substring(0, cut);
      String keyword = written.toLowerCase(Locale.ROOT);
      String value = cut < 0 ? "" : line.substring(cut).replaceFirst("^[\\s=]+", "").strip();
      if (keyword.equals("host")) {
        patterns = List.of(value.split("\\s+"));
      } else if (keyword.equals("match")) {
        patterns = List.of(); // Match blocks are not supported: their lines apply to no host
        out.add(new Line(List.of("*"), "match", value, written));
      } else {
        out.add(new Line(patterns, keyword, unquote(value), written));
      }
    }
    return new SshConfig(out);
  }

  private static int indexOfSeparator(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '=') {
        return i;
      }
    }
    return -1;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /**
   * What the config says for {@code alias}.
   *
   * @param values the first value of each honoured keyword (lower-case keyword)
   * @param identityFiles every IdentityFile value, in order
   * @param ignored the other keywords that applied to the alias, as written, in order
   */
  record Entry(Map<String, String> values, List<String> identityFiles, List<String> ignored) {
    String get(String keyword) {
      return values.get(keyword);
    }
  }

  Entry lookup(String alias) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> identities = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (Line line : lines) {
      if (line.keyword().equals("match")) {
        if (!ignored.contains(line.written())) {
          ignored.add(line.written());
        }
        continue;
      }
      if (!matches(line.patterns(), alias)) {
        continue;
      }
      if (line.keyword().equals("identityfile")) {
        identities.add(line.value());
      } else if (HONOURED.contains(line.keyword())) {
        values.putIfAbsent(line.keyword(), line.value());
      } else if (!ignored.contains(line.written())) {
        ignored.add(line.written());
      }
    }
    return new Entry(Map.copyOf(values), List.copyOf(identities), List.copyOf(ignored));
  }

  /** A host matches a pattern list when one pattern matches and no negated one does. */
  static boolean matches(List<String> patterns, String host) {
    boolean any = false;
    for (String p : patterns) {
      if (p.startsWith("!")) {
        if (glob(p.substring(1), host)) {
          return false;
        }
      } else if (glob(p, host)) {
        any = true;
      }
    }
    return any;
  }

  /** {@code *} matches any run of characters, {@code ?} exactly one; case-insensitive. */
  static boolean glob(String pattern, String text) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String t = text.toLowerCase(Locale.ROOT);
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
        pi++;
        ti++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
