package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginCheckTest {
  private static List<String> messages(String url) {
    return OriginCheck.warnings(url, "backend.origins.cloud", OriginCheck.Reader.CLI_WITH_ADMIN_KEY)
        .stream()
        .map(Diagnostic::message)
        .toList();
  }

  @Test
  void loopbackAndHttpsAreFine() {
    assertThat(messages("http://127.0.0.1:3210")).isEmpty();
    assertThat(messages("http://localhost:3210")).isEmpty();
    assertThat(messages("http://[::1]:3210")).isEmpty();
    assertThat(messages("https://api.example.com")).isEmpty();
  }

  @Test
  void aListenAddressIsNotAUrl() {
    assertThat(messages("http://0.0.0.0:3210"))
        .containsExactly(
            "http://0.0.0.0:3210 uses 0.0.0.0, a"
                + " listen address: neither a browser nor the Convex CLI can connect to it");
  }

  @Test
  void aContainerNameResolvesOnlyInsideTheNetwork() {
    assertThat(messages("https://app-backend:3210"))
        .containsExactly(
            "https://app-backend:3210 uses"
                + " app-backend, which looks like a container-internal name: only containers on the"
                + " deployment network resolve it");
  }

  @Test
  void plainHttpToAnotherHostIsUnencrypted() {
    assertThat(messages("http://10.0.0.5:3210"))
        .containsExactly(
            "http://10.0.0.5:3210 is plain http"
                + " to 10.0.0.5: the admin key travels unencrypted and browsers block it from https pages");
    assertThat(
            OriginCheck.warnings("http://10.0.0.5:3210", "p", OriginCheck.Reader.CLI_WITH_ADMIN_KEY)
                .get(0)
                .hint())
        .contains("TLS proxy");
  }

  /** A browser holds no admin key: plain http exposes its data and tokens instead. */
  @Test
  void plainHttpForTheBrowserSaysWhatTheBrowserSends() {
    List<Diagnostic> found =
        OriginCheck.warnings("http://10.0.0.5:3210", "p", OriginCheck.Reader.BROWSER);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message())
        .isEqualTo(
            "http://10.0.0.5:3210 is plain http to 10.0.0.5: the app's queries, their data and its"
                + " users' auth tokens travel unencrypted, and a page served over https may not"
                + " connect to it (mixed content)");
    assertThat(found.get(0).hint()).contains("TLS proxy");
  }
}
