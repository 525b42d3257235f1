package dev.provision.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known word a user most likely meant when they typed an unknown one ({@code dashbaord}
 * for {@code dashboard}). Uses the optimal string alignment distance, so a swap of two neighbouring
 * letters counts as one edit. Only suggests; never decides anything.
 */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The closest candidate within a small distance (at most 2 edits, or a third of the word for long
   * words), or empty when nothing is close. Ties go to the first candidate in iteration order.
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    String word = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, word.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(word, candidate.toLowerCase(Locale.ROOT));
      if (distance <= limit && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A hint sentence "did you mean `X`?" or null when nothing is close. */
  public static String hint(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(c -> "did you mean `" + c + "`?").orElse(null);
  }

  /**
   * Edits (insert, delete, replace, swap of neighbours) needed to turn {@code a} into {@code b}.
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
      }
    }
    return d[a.length()][b.length()];
  }
}
