package dev.provision.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much a change hurts: the highest risk of its consequences, and every consequence, highest
 * first (rules that found the same risk keep the order they were found in). A change with no
 * consequence worth saying is safe. A {@link DeploymentPolicy} grades each change.
 *
 * @param risk the grade: never lower than any consequence's risk
 * @param consequences each consequence, highest risk first
 */
public record Grade(Risk risk, List<Consequence> consequences) {
  public Grade {
    consequences = sorted(consequences);
    for (Consequence c : consequences) {
      if (c.risk().ordinal() > risk.ordinal()) {
        throw new IllegalArgumentException("grade " + risk + " below a consequence: " + c.risk());
      }
    }
  }

  /** Safe, with nothing to say. */
  public static Grade safe() {
    return new Grade(Risk.SAFE, List.of());
  }

  /** Safe, with one thing worth saying (such as "functions see the new value at once"). */
  public static Grade safe(String what) {
    return of(List.of(Consequence.of(Risk.SAFE, what)));
  }

  /** Graded by the highest of {@code consequences} (safe when there is none). */
  public static Grade of(List<Consequence> consequences) {
    Risk top = consequences.stream().map(Consequence::risk).reduce(Risk.SAFE, Risk::max);
    return new Grade(top, consequences);
  }

  /** One consequence. */
  public static Grade of(Risk risk, String what, String hint) {
    return of(List.of(new Consequence(risk, what, hint)));
  }

  /**
   * This grade with {@code more} added, graded again (adding one already listed changes nothing).
   */
  public Grade with(Consequence more) {
    if (consequences.contains(more)) {
      return this;
    }
    List<Consequence> all = new ArrayList<>(consequences);
    all.add(more);
    return new Grade(risk.max(more.risk()), all);
  }

  private static List<Consequence> sorted(List<Consequence> list) {
    List<Consequence> out = new ArrayList<>(list);
    out.sort(Comparator.comparing((Consequence c) -> c.risk()).reversed());
    return List.copyOf(out);
  }
}
