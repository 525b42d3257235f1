package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceNamesTest {
  @Test
  void acceptsTheAllowedForm() {
    assertThat(InstanceNames.isValid("convex-self-hosted")).isTrue();
    assertThat(InstanceNames.isValid("a")).isTrue();
    assertThat(InstanceNames.isValid("0")).isTrue();
    assertThat(InstanceNames.isValid("a".repeat(63))).isTrue();
    assertThat(InstanceNames.check("prod-1", "instance.name")).isNull();
  }

  @Test
  void rejectsEverythingElse() {
    for (String bad :
        new String[] {"", "-a", "a-", "A", "a_b", "a:b", "a|b", "a.b", "a".repeat(64), "a b"}) {
      assertThat(InstanceNames.isValid(bad)).as(bad).isFalse();
    }
    assertThat(InstanceNames.isValid(null)).isFalse();
  }

  @Test
  void diagnosticSuggestsAFix() {
    assertThat(InstanceNames.check("My_App", "instance.name").render())
        .isEqualTo(
            "error: not a valid Convex instance name\n"
                + "  at: instance.name\n"
                + "  expected: 1 to 63 characters a-z, 0-9 and '-', starting and ending with a"
                + " letter or digit\n"
                + "  found: 'My_App'\n"
                + "  hint: did you mean 'my-app'?");
    assertThat(InstanceNames.check(null, "n").hint())
        .isEqualTo("set a name such as 'convex-self-hosted'");
    assertThat(InstanceNames.check("___", "n").hint())
        .isEqualTo("use lowercase letters, digits and hyphens only");
  }

  @Test
  void databaseNameReplacesHyphens() {
    assertThat(InstanceNames.databaseName("convex-self-hosted")).isEqualTo("convex_self_hosted");
    assertThat(InstanceNames.databaseName("app")).isEqualTo("app");
  }
}
