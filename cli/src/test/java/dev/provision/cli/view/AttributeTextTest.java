package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Reference;
import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a sensitive attribute reads, with and without an offline plan's unresolved reference. */
class AttributeTextTest {
  private static final Value A =
      Value.unresolved("${env:A}", List.of(new Reference(Reference.Source.ENV, "A")));
  private static final Value B =
      Value.unresolved("${env:B}", List.of(new Reference(Reference.Source.ENV, "B")));
  private static final Value A_AROUND =
      Value.unresolved("x-${env:A}", List.of(new Reference(Reference.Source.ENV, "A")));

  private static String values(Value before, Value after) {
    return AttributeText.values(new AttributeChange("p", before, after));
  }

  @Test
  void knownSecretsKeepTheirMasks() {
    assertThat(values(null, Value.secret("s"))).isEqualTo("(sensitive)");
    assertThat(values(Value.secret("s"), null)).isEqualTo("(sensitive)");
    assertThat(values(Value.secret("s"), Value.secret("t"))).isEqualTo("(sensitive, changed)");
  }

  @Test
  void unresolvedReferencesNameWhereTheValueComesFrom() {
    assertThat(values(null, A)).isEqualTo("(sensitive, from env A)");
    assertThat(values(B, null)).isEqualTo("(sensitive, from env B)");
    assertThat(values(A, B)).isEqualTo("(sensitive, from env A) -> (sensitive, from env B)");
    assertThat(values(A, A_AROUND)).isEqualTo("(sensitive, changed, from env A)");
    assertThat(values(Value.secret("s"), A)).isEqualTo("(sensitive) -> (sensitive, from env A)");
    assertThat(values(Value.plain("${env:A}"), A))
        .isEqualTo("(sensitive) -> (sensitive, from env A)");
  }

  @Test
  void aDiffLineShowsOneSide() {
    AttributeChange change = new AttributeChange("p", Value.plain("old"), A);

    assertThat(AttributeText.side(change, change.before())).isEqualTo("(sensitive)");
    assertThat(AttributeText.side(change, change.after())).isEqualTo("(sensitive, from env A)");
    assertThat(AttributeText.quote(A)).isEqualTo("\"(sensitive, from env A)\"");
  }
}
