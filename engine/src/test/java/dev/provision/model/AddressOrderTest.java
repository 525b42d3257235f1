package dev.provision.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Addresses sort exactly as their text {@code kind.name} does, which plans and labels rely on, and
 * are equal exactly when their text is.
 */
class AddressOrderTest {
  @Test
  void ordersAsTheTextDoes() {
    List<Address> all = new ArrayList<>();
    for (Address.Kind kind : Address.Kind.values()) {
      for (String name : List.of("", "a", "A", "a.b", "a-b", "ab", "b", "postgres", "Z_9", "é")) {
        all.add(new Address(kind, name));
      }
    }
    for (Address x : all) {
      for (Address y : all) {
        assertThat(Integer.signum(x.compareTo(y)))
            .as("%s vs %s", x, y)
            .isEqualTo(Integer.signum(x.toString().compareTo(y.toString())));
      }
    }
  }

  @Test
  void equalExactlyWhenTheTextIs() {
    List<Address> all = new ArrayList<>();
    for (Address.Kind kind : Address.Kind.values()) {
      for (String name : List.of("", "a", "A", "a.b", "backend", "postgres")) {
        all.add(new Address(kind, name));
      }
    }
    for (Address x : all) {
      Address copy = Address.parse(x.kind().label() + "." + x.name() + "z").withName(x.name());
      assertThat(copy).isEqualTo(x).hasSameHashCodeAs(x);
      assertThat(x).isNotEqualTo(null).isNotEqualTo(x.toString());
      for (Address y : all) {
        assertThat(x.equals(y)).as("%s vs %s", x, y).isEqualTo(x.toString().equals(y.toString()));
      }
    }
  }
}
