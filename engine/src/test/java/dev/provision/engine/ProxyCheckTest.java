package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Proxy;
import dev.provision.model.Target;
import dev.provision.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proxy whose CA refuses its signatures gets a failure that says which account to remove. */
class ProxyCheckTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n  image: "
          + "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n";
  private static final String REFUSED =
      "{\"level\":\"error\",\"msg\":\"could not get certificate from issuer\",\"error\":\"HTTP 400"
          + " urn:ietf:params:acme:error:malformed - JWS verification error\"}";

  private static final Target DOCKER = Target.Docker.local();

  @TempDir Path dir;

  private Proxy proxy(String tls) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, HEAD + "proxy:\n  names: {api: api.example.com}\n" + tls);
    return new SpecReader(Map.of()).read(file, List.of()).spec().proxy();
  }

  @Test
  void aRefusedSignatureNamesTheAccountToRemoveAndTheRestart() throws IOException {
    Proxy acme = proxy("  tls: {email: ops@example.com}\n");
    assertThat(ProxyCheck.accountMismatch(List.of("starting", REFUSED), acme, "app-proxy", DOCKER))
        .hasValueSatisfying(
            hint ->
                assertThat(hint)
                    .contains("JWS verification error")
                    .contains("docker run --rm -v app-proxy-data:/data --entrypoint rm caddy:2.8.4")
                    .contains(
                        "-rf /data/caddy/acme/acme-v02.api.letsencrypt.org-directory/users/"
                            + "ops@example.com`")
                    .contains("docker restart app-proxy"));
  }

  @Test
  void theCommandsToCopyQuoteWhatAShellWouldExpandAndFitASwarm() throws IOException {
    Proxy ipv6Registry =
        proxy("  image: '[fd00::1]:5000/caddy:2.8.4'\n  tls: {email: o'k@example.com}\n");
    String hint =
        ProxyCheck.accountMismatch(List.of(REFUSED), ipv6Registry, "app-proxy", DOCKER)
            .orElseThrow();
    assertThat(hint)
        .contains("--entrypoint rm '[fd00::1]:5000/caddy:2.8.4' -rf /data/caddy/acme/")
        .contains("/users/ok@example.com`")
        .contains("then `docker restart app-proxy`");

    Proxy plain = proxy("  tls: {email: ops@example.com}\n");
    String swarm =
        ProxyCheck.accountMismatch(
                List.of(REFUSED), plain, "app-proxy", new Target.Swarm(null, null, false, null))
            .orElseThrow();
    assertThat(swarm)
        .contains("--entrypoint rm caddy:2.8.4 -rf /data/caddy/acme/")
        .contains("on the node that runs the proxy, `docker service ps app-proxy`")
        .contains("then `docker service update --force app-proxy`")
        .doesNotContain("docker restart");
  }

  @Test
  void anyOtherFailureOrModeKeepsTheGeneralAdvice() throws IOException {
    Proxy acme = proxy("  tls: {email: ops@example.com}\n");
    assertThat(
            ProxyCheck.accountMismatch(
                List.of("timeout during connect"), acme, "app-proxy", DOCKER))
        .isEmpty();
    Proxy internal = proxy("  tls: {ca: internal}\n");
    assertThat(ProxyCheck.accountMismatch(List.of(REFUSED), internal, "app-proxy", DOCKER))
        .isEmpty();
  }
}
