package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit code of a several-spec run is the worst: 143 > 130 > 1 > 2 > 0. */
class ExitFoldTest {
  @Test
  void theWorstCodeWinsInTheDocumentedOrder() {
    assertThat(ExitFold.worst(List.of())).isZero();
    assertThat(ExitFold.worst(List.of(0, 0))).isZero();
    assertThat(ExitFold.worst(List.of(0, 2, 0))).isEqualTo(2);
    assertThat(ExitFold.worst(List.of(2, 1, 0))).isEqualTo(1);
    assertThat(ExitFold.worst(List.of(1, 2))).isEqualTo(1);
    assertThat(ExitFold.worst(List.of(1, 130, 2))).isEqualTo(130);
    assertThat(ExitFold.worst(List.of(130, 143, 1))).isEqualTo(143);
    assertThat(ExitFold.worst(List.of(143, 130))).isEqualTo(143);
  }

  @Test
  void anUnknownCodeCountsAsAnError() {
    assertThat(ExitFold.worse(2, 7)).isEqualTo(7);
    assertThat(ExitFold.worse(130, 7)).isEqualTo(130);
  }
}
