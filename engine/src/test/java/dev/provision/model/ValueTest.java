package dev.provision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a value shows and how two compare, unresolved offline references included. */
class ValueTest {
  private static final Reference ENV_A = new Reference(Reference.Source.ENV, "A");
  private static final Reference FILE_K = new Reference(Reference.Source.FILE, "secrets/k.txt");

  @Test
  void displayNeverShowsASensitiveText() {
    assertThat(Value.plain("info").display()).isEqualTo("info");
    assertThat(Value.secret("hunter2").display()).isEqualTo("(sensitive)");
    assertThat(Value.unresolved("${env:A}", List.of(ENV_A)).display())
        .isEqualTo("(sensitive, from env A)");
    assertThat(Value.unresolved("${env:A}:${file:secrets/k.txt}", List.of(ENV_A, FILE_K, ENV_A)))
        .hasToString("(sensitive, from env A, file secrets/k.txt)");
  }

  @Test
  void anUnresolvedValueIsAlwaysSensitive() {
    Value v = new Value("${env:A}", false, List.of(ENV_A));

    assertThat(v.sensitive()).isTrue();
    assertThat(v.unresolved()).isTrue();
    assertThat(v.asSensitive()).isEqualTo(v);
    assertThatThrownBy(() -> Value.unresolved("x", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameReferenceIsTheSameValueAndAKnownTextNeverIs() {
    Value a = Value.unresolved("${env:A}", List.of(ENV_A));

    assertThat(a.sameAs(Value.unresolved("${env:A}", List.of(ENV_A)))).isTrue();
    assertThat(a).isEqualTo(Value.unresolved("${env:A}", List.of(ENV_A)));
    assertThat(a.sameAs(Value.unresolved("x${env:A}", List.of(ENV_A)))).isFalse();
    assertThat(a.sameAs(Value.secret("${env:A}"))).isFalse();
    assertThat(Value.secret("s").sameAs(Value.plain("s"))).isTrue();
    assertThat(a.sameAs(null)).isFalse();
  }

  @Test
  void aDerivedValueKeepsItsReferences() {
    Value password = Value.unresolved("${env:A}", List.of(ENV_A));

    assertThat(password.derive("postgres://u:x@db", true).display())
        .isEqualTo("(sensitive, from env A)");
    assertThat(Value.secret("p").derive("postgres://u:p@db", true).display())
        .isEqualTo("(sensitive)");
  }

  @Test
  void aLongReferenceNameIsCutWhereItIsShown() {
    String name = "A".repeat(300);
    Value value =
        Value.unresolved("${env:" + name + "}", List.of(new Reference(Reference.Source.ENV, name)));
    assertThat(value.display()).isEqualTo("(sensitive, from env " + "A".repeat(80) + "…)");
    assertThat(value.from().get(0).describe()).isEqualTo("env " + name);
  }
}
