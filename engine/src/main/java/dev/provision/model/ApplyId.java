package dev.provision.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of one apply (or destroy): the same random id its deployment lock records, written as the
 * {@code dev.provision.apply-id} label on every container, network and volume that apply creates.
 * It is how an interrupted apply is recognised on the target, from any machine, without its local
 * journal.
 */
public record ApplyId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  public ApplyId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not an apply id: " + value);
    }
  }

  /** The id a label holds, empty when none or malformed (an object made by an older version). */
  public static Optional<ApplyId> parse(String label) {
    return label == null || !FORM.matcher(label).matches()
        ? Optional.empty()
        : Optional.of(new ApplyId(label));
  }

  @Override
  public String toString() {
    return value;
  }
}
