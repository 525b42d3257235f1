package dev.provision.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of a spec that must never be shown: every value read through a {@code ${env:}} or
 * {@code ${file:}} reference (and each piece a reference put into it), every URL user-info and
 * every field documented as secret. The spec reader collects them; the compiler marks any value
 * that contains one (or is part of one) as sensitive, and the outputs run their text through {@link
 * #redact} as a second net. Texts shorter than {@value #MIN_LENGTH} characters only mark values
 * equal to them and are not searched for in free text, since masking them would garble ordinary
 * words; a URL's user-info is masked in any text whatever its length.
 */
public record Sensitive(Set<String> texts) {
  public static final int MIN_LENGTH = 4;
  public static final Sensitive NONE = new Sensitive(Set.of());

  /** {@code scheme://USERINFO@}: the user-info of any URL, known or not. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{0,30}://)([^\\s/?#@\"'`]{1,512})@");

  /** How provision's own messages spell a URL's parts ({@code postgres://USER@HOST}): shown. */
  private static final Pattern PLACEHOLDER = Pattern.compile("USER(:PASSWORD)?");

  public Sensitive {
    texts = Set.copyOf(texts.stream().filter(t -> !t.isEmpty()).toList());
  }

  public static Sensitive of(Collection<String> texts) {
    return new Sensitive(Set.copyOf(texts.stream().filter(t -> t != null).toList()));
  }

  /** Both sets together. */
  public Sensitive plus(Sensitive other) {
    if (other.texts.isEmpty()) {
      return this;
    }
    Set<String> all = new TreeSet<>(texts);
    all.addAll(other.texts);
    return new Sensitive(all);
  }

  /**
   * True when {@code text} equals a sensitive text, contains one of at least {@value #MIN_LENGTH}
   * characters, or (being twice that long itself) is part of one: a value derived from a secret (an
   * origin without its trailing slash, a host taken from a URL) is as secret as its source.
   * Compares without regard to case.
   */
  public boolean covers(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String t = text.toLowerCase(Locale.ROOT);
    for (String s : texts) {
      String low = s.toLowerCase(Locale.ROOT);
      if (t.equals(low)) {
        return true;
      }
      if (low.length() >= MIN_LENGTH && t.contains(low)) {
        return true;
      }
      if (t.length() >= 2 * MIN_LENGTH && low.contains(t)) {
        return true;
      }
    }
    return hasUserInfo(text);
  }

  /** Cheap test first: the pattern is only run on text that holds both `://` and `@`. */
  private static boolean hasUserInfo(String text) {
    if (!text.contains("://") || text.indexOf('@') < 0) {
      return false;
    }
    Matcher m = USER_INFO.matcher(text);
    while (m.find()) {
      if (!PLACEHOLDER.matcher(m.group(2)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** {@code value}, marked sensitive when {@link #covers} its text; null stays null. */
  public Value mark(Value value) {
    return value == null || value.sensitive() || !covers(value.text())
        ? value
        : value.asSensitive();
  }

  /** A plain value of {@code text}, sensitive when {@link #covers} it. */
  public Value value(String text) {
    return mark(Value.plain(text));
  }

  /**
   * {@code text} with every sensitive text of at least {@value #MIN_LENGTH} characters (longest
   * first, without regard to case) and every URL user-info replaced by {@value Value#MASK}; null
   * stays null.
   */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : searched()) {
      out = replaceIgnoringCase(out, s);
    }
    return out.contains("://") && out.indexOf('@') >= 0
        ? USER_INFO
            .matcher(out)
            .replaceAll(
                m ->
                    PLACEHOLDER.matcher(m.group(2)).matches()
                        ? Matcher.quoteReplacement(m.group())
                        : Matcher.quoteReplacement(m.group(1) + Value.MASK + "@"))
        : out;
  }

  /** Never the texts themselves: how many there are. */
  @Override
  public String toString() {
    return "Sensitive[" + texts.size() + " texts]";
  }

  private List<String> searched() {
    return texts.stream()
        .filter(t -> t.length() >= MIN_LENGTH)
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(t -> t))
        .toList();
  }

  private static String replaceIgnoringCase(String text, String secret) {
    String low = text.toLowerCase(Locale.ROOT);
    String key = secret.toLowerCase(Locale.ROOT);
    if (low.length() != text.length() || key.length() != secret.length()) {
      return text.replace(secret, Value.MASK);
    }
    int at = low.indexOf(key);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (at >= 0) {
      out.append(text, from, at).append(Value.MASK);
      from = at + key.length();
      at = low.indexOf(key, from);
    }
    return out.append(text.substring(from)).toString();
  }
}
