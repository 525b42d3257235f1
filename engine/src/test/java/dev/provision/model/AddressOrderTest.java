package dev.provision.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Addresses sort exactly as their text {@code kind.name} does, which plans and labels rely on. */
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
}
