package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogFramesTest {
  private static void frame(ByteArrayOutputStream out, int stream, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(
        new byte[] {(byte) stream, 0, 0, 0, 0, 0, (byte) (b.length >> 8), (byte) b.length});
    out.writeBytes(b);
  }

  @Test
  void splitsStdoutFromStderrInOrder() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, 1, "one\n");
    frame(s, 2, "oops\n");
    frame(s, 1, "x".repeat(300));
    LogFrames log = LogFrames.demux(s.toByteArray());
    assertThat(new String(log.stdout(), StandardCharsets.UTF_8))
        .isEqualTo("one\n" + "x".repeat(300));
    assertThat(new String(log.stderr(), StandardCharsets.UTF_8)).isEqualTo("oops\n");
  }

  @Test
  void keepsWhatArrivedOfATruncatedFrameAndIgnoresAPartialHeader() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    frame(s, 1, "whole");
    s.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 0, 10, 'a', 'b'});
    byte[] cut = s.toByteArray();
    assertThat(LogFrames.demux(cut).stdout()).isEqualTo("wholeab".getBytes(StandardCharsets.UTF_8));
    assertThat(LogFrames.demux(new byte[] {1, 0, 0}).stdout()).isEmpty();
    assertThat(LogFrames.demux(new byte[0]).stderr()).isEmpty();
  }
}
