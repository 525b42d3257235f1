package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SinceTest {
  private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

  @Test
  void durationsCountBackFromNow() {
    assertThat(Since.parse("90s", NOW)).isEqualTo(Instant.parse("2026-11-29T07:58:30Z"));
    assertThat(Since.parse("10m", NOW)).isEqualTo(Instant.parse("2026-11-29T07:50:00Z"));
    assertThat(Since.parse("1h30m", NOW)).isEqualTo(Instant.parse("2026-11-29T06:30:00Z"));
    assertThat(Since.parse("2d", NOW)).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
  }

  @Test
  void timestampsAreMoments() {
    assertThat(Since.parse("2026-11-28T10:15:00Z", NOW))
        .isEqualTo(Instant.parse("2026-11-28T10:15:00Z"));
    assertThat(Since.parse("2026-11-28T10:15:00+01:00", NOW))
        .isEqualTo(Instant.parse("2026-11-28T09:15:00Z"));
    assertThat(Since.parse("2026-11-28", NOW)).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
  }

  @Test
  void anythingElseSaysWhatIsAccepted() {
    assertThatThrownBy(() -> Since.parse("yesterday", NOW))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "'yesterday' is neither a duration (90s, 10m, 1h30m, 2d) nor a timestamp"
                + " (2026-11-29T08:00:00Z, 2026-11-29)");
  }
}
