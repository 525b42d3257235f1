package dev.provision.outputs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of a dotenv file such as .env.local, edited line by line: the engine sets the lines it
 * owns and removes conflicting ones (CONVEX_DEPLOYMENT, which the Convex CLI refuses next to the
 * self-hosted variables), and keeps every other line, comment and blank line exactly as it was.
 */
public final class EnvFileContent {
  /** Lines the app's CLI refuses next to CONVEX_SELF_HOSTED_URL. */
  public static final Set<String> CONFLICTING = Set.of("CONVEX_DEPLOYMENT");

  private final List<String> lines;

  private EnvFileContent(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  public static EnvFileContent parse(String text) {
    if (text.isEmpty()) {
      return new EnvFileContent(List.of());
    }
    return new EnvFileContent(List.of(text.split("\r?\n", -1)).subList(0, count(text)));
  }

  private static int count(String text) {
    String[] parts = text.split("\r?\n", -1);
    return text.endsWith("\n") ? parts.length - 1 : parts.length;
  }

  /** KEY -> value of every assignment line (quotes removed; the last one wins). */
  public Map<String, String> entries() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      String key = keyOf(line);
      if (key != null) {
        out.put(key, unquote(line.substring(line.indexOf('=') + 1).trim()));
      }
    }
    return out;
  }

  /**
   * A copy with {@code set} assigned (in place where the key exists, else appended) and every line
   * of a key in {@code remove} dropped.
   */
  public EnvFileContent with(Map<String, String> set, Set<String> remove) {
    List<String> out = new ArrayList<>();
    Map<String, String> pending = new LinkedHashMap<>(set);
    for (String line : lines) {
      String key = keyOf(line);
      if (key != null && remove.contains(key)) {
        continue;
      }
      if (key != null && set.containsKey(key)) {
        if (pending.containsKey(key)) {
          out.add(key + "=" + quote(pending.remove(key)));
        }
        continue;
      }
      out.add(line);
    }
    pending.forEach((k, v) -> out.add(k + "=" + quote(v)));
    return new EnvFileContent(out);
  }

  public String text() {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static String keyOf(String line) {
    String t = line.strip();
    if (t.startsWith("export ")) {
      t = t.substring(7).strip();
    }
    int eq = t.indexOf('=');
    if (t.startsWith("#") || eq <= 0) {
      return null;
    }
    String key = t.substring(0, eq).strip();
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : null;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  private static String quote(String v) {
    return "'" + v + "'";
  }
}
