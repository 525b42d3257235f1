package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

  @Test
  void encodesEverythingButUnreserved() {
    assertThat(PercentEncoding.encode("p@ss:w/rd?#%x y"))
        .isEqualTo("p%40ss%3Aw%2Frd%3F%23%25x%20y");
    assertThat(PercentEncoding.encode("A-z_0.9~")).isEqualTo("A-z_0.9~");
    assertThat(PercentEncoding.encode("+&=!$'()*,;[]"))
        .isEqualTo("%2B%26%3D%21%24%27%28%29%2A%2C%3B%5B%5D");
    assertThat(PercentEncoding.encode("é€")).isEqualTo("%C3%A9%E2%82%AC");
  }

  @Test
  void keepsRequestedAsciiLiteral() {
    assertThat(PercentEncoding.encode("/etc/ssl/my ca+1.pem", "/:"))
        .isEqualTo("/etc/ssl/my%20ca%2B1.pem");
  }

  @Test
  void decodesWhatItEncodes() {
    String text = "p@ss:w/rd?#%x yé";
    assertThat(PercentEncoding.decode(PercentEncoding.encode(text))).isEqualTo(text);
    assertThat(PercentEncoding.decode("plain")).isEqualTo("plain");
    assertThat(PercentEncoding.decode("a%2fb")).isEqualTo("a/b");
  }

  @Test
  void refusesBrokenEscapes() {
    assertThatThrownBy(() -> PercentEncoding.decode("a%2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PercentEncoding.decode("a%zz"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PercentEncoding.decode("%C3"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
