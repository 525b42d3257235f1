package dev.provision.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is masked: known sensitive texts, values derived from them, and every URL's user-info. */
class SensitiveTest {
  private final Sensitive sensitive =
      new Sensitive(Set.of("https://secret-host.example.com/", "hunter2-password", "ab"));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "origins.cloud | https://user:pw@api.example.com | https://(sensitive)@api.example.com",
        "origins.site | https://user@site.example.com/http | https://(sensitive)@site.example.com/http",
        "deploymentUrl | http://admin:x@127.0.0.1:3210 | http://(sensitive)@127.0.0.1:3210",
        "siteUrl | https://a:b@localhost:5173 | https://(sensitive)@localhost:5173",
        "s3.endpointUrl | https://KEY:SECRET@s3.example.com | https://(sensitive)@s3.example.com",
        "postgres url | postgres://convex:pw@db:5432 | postgres://(sensitive)@db:5432",
        "other scheme | mysql://root:pw@db:3306 | mysql://(sensitive)@db:3306",
        "does not parse | postgres://u:p%zz@db:bad:port | postgres://(sensitive)@db:bad:port",
        "no space, bad port | postgres://u:pw@db:notaport | postgres://(sensitive)@db:notaport",
        "placeholder | postgres://USER@HOST:PORT | postgres://USER@HOST:PORT",
        "in a sentence | found: cloud https://u:p@a.example.com, site x | found: cloud https://(sensitive)@a.example.com, site x",
      })
  void aUrlsUserInfoIsMasked(String field, String text, String shown) {
    assertThat(Sensitive.NONE.redact(text)).isEqualTo(shown);
  }

  @Test
  void knownTextsAreMaskedWithoutRegardToCaseAndShortOnesAreLeft() {
    assertThat(sensitive.redact("did you mean `HUNTER2-PASSWORD`? ab"))
        .isEqualTo("did you mean `(sensitive)`? ab");
  }

  @Test
  void aValueHoldingOrDerivedFromASensitiveTextIsMarked() {
    assertThat(sensitive.value("https://secret-host.example.com").sensitive()).isTrue();
    assertThat(sensitive.value("x hunter2-password y").sensitive()).isTrue();
    assertThat(sensitive.value("ab").sensitive()).isTrue();
    assertThat(sensitive.value("abc").sensitive()).isFalse();
    assertThat(sensitive.value("info").sensitive()).isFalse();
    assertThat(sensitive.value("https://u@h.example.com").sensitive()).isTrue();
  }

  @Test
  void itNeverShowsItsTexts() {
    assertThat(sensitive.toString()).isEqualTo("Sensitive[3 texts]");
  }
}
