package dev.provision.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quoted input is escaped and cut, and a rendered diagnostic never carries raw control text. */
class QuoteTest {
  @Test
  void escapesControlAndInvisibleCharacters() {
    assertThat(Quote.of("\u001b[31mred\u001b[0m")).isEqualTo("\\e[31mred\\e[0m");
    assertThat(Quote.of("a\u2028b\u0085c\nd\te\u202ef"))
        .isEqualTo("a\\u2028b\\u0085c\\nd\\te\\u202ef");
    assertThat(Quote.of("plain é ✓")).isEqualTo("plain é ✓");
  }

  @Test
  void cutsAtEightyCharactersAndSaysTheLength() {
    assertThat(Quote.of("x".repeat(700_000))).isEqualTo("x".repeat(80) + "... (700000 characters)");
    assertThat(Quote.of("x".repeat(80))).isEqualTo("x".repeat(80));
  }

  @Test
  void renderEscapesEveryFieldButKeepsItsOwnLineBreaks() {
    Diagnostic d =
        Diagnostic.error(new SourcePosition("f\u001b.yaml", 1, 2), "a\u001b", "m\u001b[2J")
            .withFound("one\ntwo\u0007");
    assertThat(d.render())
        .isEqualTo("f\\e.yaml:1:2: error: m\\e[2J\n  at: a\\e\n  found: one\ntwo\\u0007");
  }
}
