package dev.provision.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

  @Test
  void instanceNameGivesDatabaseName() {
    assertThat(DatabaseNames.forInstance("my-app")).isEqualTo("my_app");
    assertThat(DatabaseNames.forInstance("convex-self-hosted")).isEqualTo("convex_self_hosted");
    assertThat(DatabaseNames.forInstance("app2")).isEqualTo("app2");
  }

  @Test
  void refusesUnusableAndReservedNames() {
    assertThatThrownBy(() -> DatabaseNames.forInstance("My-App"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("'My_App'");
    assertThatThrownBy(() -> DatabaseNames.forInstance("a".repeat(64)))
        .isInstanceOf(ProvisionException.class);
    assertThatThrownBy(() -> DatabaseNames.forInstance("postgres"))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("server's own database 'postgres'");
    assertThatThrownBy(() -> DatabaseNames.forInstance("template1"))
        .isInstanceOf(ProvisionException.class);
  }

  @Test
  void requireAcceptsOnlyPlainNames() {
    assertThat(DatabaseNames.require("my_app")).isEqualTo("my_app");
    assertThat(DatabaseNames.require("postgres")).isEqualTo("postgres");
    assertThatThrownBy(() -> DatabaseNames.require("x\"; DROP DATABASE y; --"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatabaseNames.require(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quotesIdentifiersAndLiterals() {
    assertThat(DatabaseNames.quoteIdentifier("my_app")).isEqualTo("\"my_app\"");
    assertThat(DatabaseNames.quoteIdentifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
    assertThat(DatabaseNames.quoteLiteral("it's")).isEqualTo("'it''s'");
  }
}
