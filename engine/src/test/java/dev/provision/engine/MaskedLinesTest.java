package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Sensitive;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskedLinesTest {
  private static final String SECRET = "s3cr3t-token-0123456789";
  private final List<String> out = new ArrayList<>();
  private final MaskedLines lines = new MaskedLines(new Sensitive(Set.of(SECRET)), out::add);

  private void feed(String... chunks) {
    for (String c : chunks) {
      lines.accept(c.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void masksEachWholeLine() {
    feed("a " + SECRET + " b\nnext\n");
    assertThat(out).containsExactly("a (sensitive) b\n", "next\n");
  }

  @Test
  void masksASecretSplitAcrossChunks() {
    feed("token=s3cr3t-to", "ken-01234", "56789 end\n");
    assertThat(out).containsExactly("token=(sensitive) end\n");
  }

  @Test
  void masksOneByteAtATime() {
    byte[] all = ("x" + SECRET + "y\n").getBytes(StandardCharsets.UTF_8);
    for (byte b : all) {
      lines.accept(new byte[] {b});
    }
    assertThat(out).containsExactly("x(sensitive)y\n");
  }

  @Test
  void decodesACharacterSplitAcrossChunks() {
    byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
    lines.accept(new byte[] {euro[0]});
    lines.accept(new byte[] {euro[1], euro[2], euro[3]});
    assertThat(out).containsExactly("€\n");
  }

  @Test
  void aLastLineWithoutNewlineComesOutAtTheEndMasked() {
    feed("done " + SECRET.substring(0, 5), SECRET.substring(5));
    assertThat(out).isEmpty();
    lines.finish();
    assertThat(out).containsExactly("done (sensitive)");
  }

  @Test
  void aLongLineGoesOutInPiecesAndASecretAcrossTheCutIsStillMasked() {
    List<String> pieces = new ArrayList<>();
    MaskedLines small = new MaskedLines(new Sensitive(Set.of(SECRET)), pieces::add, 0);
    String filler = "x".repeat(2000);
    String text = filler + SECRET + filler + SECRET + "\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += 7) {
      small.accept(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7)));
    }
    small.finish();
    assertThat(pieces.size()).isGreaterThan(1);
    assertThat(String.join("", pieces))
        .isEqualTo(filler + "(sensitive)" + filler + "(sensitive)\n")
        .doesNotContain(SECRET);
  }

  @Test
  void masksUrlUserInfoAndKeepsCarriageReturns() {
    feed("dial postgres://conv:pw-anything@db:5432\r\n");
    assertThat(out).containsExactly("dial postgres://(sensitive)@db:5432\r\n");
  }

  @Test
  void passesAnsiEscapesAsTheyCame() {
    feed("\u001b[32mINFO\u001b[0m " + SECRET + "\n");
    assertThat(out).containsExactly("\u001b[32mINFO\u001b[0m (sensitive)\n");
  }

  @Test
  void invalidBytesBecomeReplacementCharacters() {
    lines.accept(new byte[] {'a', (byte) 0xff, 'b', '\n'});
    assertThat(out).containsExactly("a\uFFFDb\n");
  }
}
