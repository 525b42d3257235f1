package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.DidYouMean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suggestion used for unknown keys and provider ids. */
class DidYouMeanTest {
  private static final List<String> KEYS =
      List.of("image", "bind", "ports", "dashboard", "database");

  @Test
  void swapsCountAsOneEdit() {
    assertThat(DidYouMean.distance("imgae", "image")).isEqualTo(1);
    assertThat(DidYouMean.closest("dashbaord", KEYS)).contains("dashboard");
    assertThat(DidYouMean.closest("imgae", KEYS)).contains("image");
  }

  @Test
  void suggestsNothingFarAway() {
    assertThat(DidYouMean.closest("completelyDifferent", KEYS)).isEmpty();
    assertThat(DidYouMean.hint("xyz", KEYS)).isNull();
    assertThat(DidYouMean.hint("Ports", KEYS)).isEqualTo("did you mean `ports`?");
  }
}
