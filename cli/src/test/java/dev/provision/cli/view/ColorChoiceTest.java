package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorChoiceTest {

  @Test
  void colourOnATerminalWithoutNoColor() {
    assertThat(ColorChoice.enabled(true, Map.of())).isTrue();
    assertThat(ColorChoice.enabled(true, Map.of("NO_COLOR", ""))).isTrue();
  }

  @Test
  void noColourWhenPipedOrAskedNotTo() {
    assertThat(ColorChoice.enabled(false, Map.of())).isFalse();
    assertThat(ColorChoice.enabled(true, Map.of("NO_COLOR", "1"))).isFalse();
  }
}
