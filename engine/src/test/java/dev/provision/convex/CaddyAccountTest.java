package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.desired.SecretValues;
import dev.provision.model.ContainerResource;
import dev.provision.model.ProxyTls;
import dev.provision.model.Spec;
import dev.provision.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With ACME, the proxy registers its account alone before it asks for every name's certificate: the
 * account Caddyfile holds the API's name only, the account directory is where Caddy keeps it for
 * the CA and email, and only the ACME proxy runs the command that does this.
 */
class CaddyAccountTest {
  private static final String HEAD =
      "version: 1\ndeployment: app\nbackend:\n  image: "
          + "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n";

  @TempDir Path dir;

  private Spec read(String body) throws IOException {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, HEAD + body);
    return new SpecReader(Map.of()).read(file, List.of()).spec();
  }

  @Test
  void theAccountCaddyfileHasTheGlobalOptionsAndTheApiNameOnly() throws IOException {
    Spec spec =
        read(
            "proxy:\n  names: {api: api.example.com, site: site.example.com,"
                + " dashboard: dash.example.com}\n  tls: {email: ops@example.com}\n");
    String full = Caddyfile.of(spec.proxy(), true);
    String account = Caddyfile.account(spec.proxy());
    assertThat(account)
        .isEqualTo(full.substring(0, full.indexOf("\nsite.example.com")))
        .contains("\temail ops@example.com\n")
        .contains("\napi.example.com {\n")
        .doesNotContain("site.example.com")
        .doesNotContain("dash.example.com");
  }

  @Test
  void theAccountDirectoryIsWhereCaddyKeepsItForTheCaAndEmail() {
    assertThat(dirOf("https://pebble:14000/dir", "ops@example.com"))
        .isEqualTo("caddy/acme/pebble-14000-dir/users/ops@example.com");
    assertThat(dirOf(ProxyTls.LETS_ENCRYPT, null))
        .isEqualTo("caddy/acme/acme-v02.api.letsencrypt.org-directory/users/default");
    assertThat(dirOf("https://ca.example.com/acme/v2/directory/", " Ops+Certs@Example.COM "))
        .isEqualTo("caddy/acme/ca.example.com-acme-v2-directory/users/ops_plus_certs@example.com");
    assertThat(dirOf("https://ca.example.com", "a b@x.org"))
        .isEqualTo("caddy/acme/ca.example.com/users/a_b@x.org");
  }

  @Test
  void onlyTheAcmeProxyRegistersItsAccountFirst() throws IOException {
    ContainerResource acme =
        proxy(read("proxy:\n  names: {api: api.example.com}\n  tls: {email: ops@example.com}\n"));
    assertThat(acme.command()).isEqualTo(ProxyContainer.ACME_COMMAND);
    assertThat(acme.env().get(ProxyContainer.ACCOUNT_DIRECTORY_ENV).text())
        .isEqualTo("caddy/acme/acme-v02.api.letsencrypt.org-directory/users/ops@example.com");
    assertThat(acme.env()).containsKey(ProxyContainer.ACCOUNT_CADDYFILE_ENV);
    assertThat(acme.env().get(ProxyContainer.FIRST_CERTIFICATE_ENV).text())
        .isEqualTo(
            "caddy/certificates/acme-v02.api.letsencrypt.org-directory/api.example.com/"
                + "api.example.com.crt");

    ContainerResource internal =
        proxy(read("proxy:\n  names: {api: api.lan}\n  tls: {ca: internal}\n"));
    assertThat(internal.command()).isEqualTo(ProxyContainer.COMMAND);
    assertThat(internal.env())
        .doesNotContainKeys(
            ProxyContainer.ACCOUNT_DIRECTORY_ENV,
            ProxyContainer.ACCOUNT_CADDYFILE_ENV,
            ProxyContainer.FIRST_CERTIFICATE_ENV);
  }

  private static String dirOf(String ca, String email) {
    return Caddyfile.accountDirectory(
        new ProxyTls(ProxyTls.Mode.ACME, email, ca, null, null, null, null));
  }

  private static ContainerResource proxy(Spec spec) {
    return (ContainerResource)
        DesiredStateCompiler.compile(spec, SecretValues.unknown()).resources().get(Names.PROXY);
  }
}
