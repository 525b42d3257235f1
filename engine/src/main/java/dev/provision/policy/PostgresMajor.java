package dev.provision.policy;

import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a new Postgres image may be another major version: only then can it not open the old data
 * directory. Told from the tags ({@code postgres:16} or {@code 16.4-alpine} is major 16); when
 * either side has no such tag (a digest, {@code latest}, another image name) it cannot be told, and
 * counts as a major change.
 */
public final class PostgresMajor {
  /** A tag that starts with the major version: {@code 17}, {@code 16.4}, {@code 15-alpine}. */
  private static final Pattern TAG = Pattern.compile("^(\\d+)(?:[.-].*)?$");

  private PostgresMajor() {}

  /** True unless the image attribute in {@code diff} keeps the same name and major version. */
  static boolean changes(List<AttributeChange> diff) {
    for (AttributeChange c : diff) {
      if (c.path().equals("image")) {
        return !sameMajor(text(c.before()), text(c.after()));
      }
    }
    return false;
  }

  /**
   * True unless {@code after} is the same image name as {@code before} with the same major version
   * (both told from their tags).
   */
  public static boolean differs(String before, String after) {
    return !sameMajor(before, after);
  }

  private static boolean sameMajor(String before, String after) {
    if (before == null || after == null || !name(before).equals(name(after))) {
      return false;
    }
    OptionalInt a = major(before);
    OptionalInt b = major(after);
    return a.isPresent() && b.isPresent() && a.getAsInt() == b.getAsInt();
  }

  /** The image without its tag (a registry port's colon is kept). */
  private static String name(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }

  private static OptionalInt major(String image) {
    if (image.contains("@")) {
      return OptionalInt.empty();
    }
    int colon = image.lastIndexOf(':');
    if (colon <= image.lastIndexOf('/')) {
      return OptionalInt.empty();
    }
    Matcher m = TAG.matcher(image.substring(colon + 1));
    if (!m.matches() || m.group(1).length() > 4) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(m.group(1)));
  }

  private static String text(Value v) {
    return v == null ? null : v.text();
  }
}
