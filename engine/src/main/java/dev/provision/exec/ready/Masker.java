package dev.provision.exec.ready;

import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Masks a container's secret env values in text taken from the container (log lines, check answers)
 * before it goes into an error. Values shorter than 4 characters are left alone.
 */
final class Masker implements UnaryOperator<String> {
  private final List<String> secrets;

  Masker(ContainerResource spec) {
    this.secrets =
        spec.env().values().stream()
            .filter(Value::sensitive)
            .map(Value::text)
            .filter(t -> t.length() >= 4)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  @Override
  public String apply(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, Value.MASK);
    }
    return out;
  }
}
