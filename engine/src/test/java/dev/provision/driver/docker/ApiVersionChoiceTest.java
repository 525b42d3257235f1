package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import org.junit.jupiter.api.Test;

class ApiVersionChoiceTest {
  private static final String AT = "unix:///var/run/docker.sock";

  @Test
  void anOlderDaemonGetsItsOwnVersion() {
    assertThat(ApiVersionChoice.choose("1.41", "1.12", AT)).isEqualTo("1.41");
  }

  @Test
  void aNewerDaemonGetsTheNewestVersionThisClientKnows() {
    assertThat(ApiVersionChoice.choose("1.51", "1.24", AT)).isEqualTo("1.44");
    assertThat(ApiVersionChoice.choose("1.52", "1.44", AT)).isEqualTo("1.44");
  }

  @Test
  void aVersionIsSpokenAsItIsOnlyFromTheOldestToTheNewestThisClientKnows() {
    assertThat(ApiVersionChoice.spoken("1.41")).isTrue();
    assertThat(ApiVersionChoice.spoken(ApiVersionChoice.CLIENT_MAX)).isTrue();
    assertThat(ApiVersionChoice.spoken(ApiVersionChoice.CLIENT_MIN)).isTrue();
    assertThat(ApiVersionChoice.spoken("1.45")).isFalse();
    assertThat(ApiVersionChoice.spoken("1.24")).isFalse();
    assertThat(ApiVersionChoice.spoken("1.9")).isFalse();
    assertThat(ApiVersionChoice.spoken("garbage")).isFalse();
    assertThat(ApiVersionChoice.spoken("1.41.0")).isFalse();
  }

  @Test
  void minorVersionsCompareAsNumbers() {
    assertThat(ApiVersionChoice.compare("1.9", "1.41")).isNegative();
    assertThat(ApiVersionChoice.choose("1.100", null, AT)).isEqualTo("1.44");
  }

  @Test
  void aTooOldDaemonIsRefused() {
    assertThatThrownBy(() -> ApiVersionChoice.choose("1.24", "1.12", AT))
        .isInstanceOf(ProvisionException.class)
        .hasMessage(
            "error: the Docker engine at "
                + AT
                + " speaks API 1.24, older than 1.25\n"
                + "  hint: upgrade Docker to 17.03 or newer");
  }

  @Test
  void aDaemonThatNeedsANewerClientIsRefused() {
    assertThatThrownBy(() -> ApiVersionChoice.choose("1.60", "1.50", AT))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("needs API 1.50 or newer")
        .hasMessageContaining("hint: upgrade provision");
  }

  @Test
  void aMissingVersionIsRefused() {
    assertThatThrownBy(() -> ApiVersionChoice.choose(null, null, AT))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("did not report its API version");
  }
}
