package dev.provision.exec;

import dev.provision.model.DesiredState;
import dev.provision.model.Resource;
import dev.provision.model.Sensitive;
import dev.provision.model.Value;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces known secret values in text with {@value Value#MASK} before the text is written to the
 * journal or put into an error. A second line of defence: messages should not carry secrets in the
 * first place. Values shorter than {@value #MIN_LENGTH} characters are not searched for, since
 * masking them would garble ordinary words.
 */
public final class Redactor {
  public static final int MIN_LENGTH = 4;
  public static final Redactor NONE = new Redactor(List.of());

  private final List<String> secrets;
  private final Sensitive sensitive;

  private Redactor(List<String> secrets) {
    this(secrets, Sensitive.NONE);
  }

  private Redactor(List<String> secrets, Sensitive sensitive) {
    this.secrets = secrets;
    this.sensitive = sensitive;
  }

  /** A redactor for the sensitive ones among {@code values}. */
  public static Redactor of(Collection<Value> values) {
    return new Redactor(
        values.stream()
            .filter(Value::sensitive)
            .map(Value::text)
            .filter(t -> t.length() >= MIN_LENGTH)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList());
  }

  /**
   * A redactor for every sensitive attribute of every resource in {@code state} and every sensitive
   * text of its spec (what references read, URL user-info).
   */
  public static Redactor of(DesiredState state) {
    Redactor values =
        of(
            state.resources().values().stream()
                .map(Resource::attributes)
                .flatMap(a -> a.values().stream())
                .toList());
    return new Redactor(values.secrets, state.sensitive());
  }

  /** {@code text} with every known secret masked; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, Value.MASK);
    }
    return sensitive.redact(out);
  }
}
