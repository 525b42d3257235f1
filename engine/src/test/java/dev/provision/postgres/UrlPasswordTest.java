package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Value;
import org.junit.jupiter.api.Test;

class UrlPasswordTest {
  @Test
  void readsBackWhatTheEngineWrites() {
    String password = "p@ss:w/rd?#%é ";
    Value url =
        PostgresUrls.backendUrl(PostgresUrls.managed("postgres", "convex", Value.secret(password)));
    assertThat(UrlPassword.of(url.text(), "convex")).contains(password);
    assertThat(UrlPassword.of("postgresql://convex:abc@db:5432", "convex")).contains("abc");
  }

  @Test
  void anotherUserNoPasswordOrABadUrlGivesNothing() {
    assertThat(UrlPassword.of("postgres://admin:abc@db:5432", "convex")).isEmpty();
    assertThat(UrlPassword.of("postgres://convex@db:5432", "convex")).isEmpty();
    assertThat(UrlPassword.of("postgres://convex:@db:5432", "convex")).isEmpty();
    assertThat(UrlPassword.of("mysql://convex:abc@db:3306", "convex")).isEmpty();
    assertThat(UrlPassword.of("postgres://convex:%zz@db", "convex")).isEmpty();
    assertThat(UrlPassword.of(null, "convex")).isEmpty();
  }
}
