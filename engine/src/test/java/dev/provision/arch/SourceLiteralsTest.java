package dev.provision.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The literal scanner the once-test relies on: comments and Javadoc never count. */
class SourceLiteralsTest {
  @Test
  void findsStringAndNumberLiteralsOutsideComments() {
    String src =
        "/** Javadoc \"A\" 3210 */\n"
            + "class X { // \"B\" 3211\n"
            + "  String a = \"C\\\"D\"; int p = 6791; char q = '\"'; int v8 = 1;\n"
            + "  /* \"E\" */ String t = \"\"\"\n    F\n    \"\"\";\n}\n";
    assertThat(SourceLiterals.of(Path.of("X.java"), src))
        .extracting(SourceLiterals.Literal::text)
        .containsExactly("C\"D", "6791", "1", "\n    F\n    ");
    assertThat(SourceLiterals.of(Path.of("X.java"), src).get(0).line()).isEqualTo(3);
  }
}
