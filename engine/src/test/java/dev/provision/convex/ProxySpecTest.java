package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.desired.SecretValues;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.Mount;
import dev.provision.model.ProxyTls;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxy:} from spec to desired state: the origins and the dashboard's URL derive from the
 * names, the Caddyfile is exactly what the names and TLS options say, the names are network aliases
 * of the proxy (the hairpin), and the backend trusts a given CA through SSL_CERT_FILE. With ACME,
 * the proxy registers its account alone first: the account Caddyfile holds the API's name only and
 * the account directory is where Caddy keeps it for the CA and email.
 */
class ProxySpecTest {
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
  void originsAndTheDashboardUrlDeriveFromTheNames() throws IOException {
    Spec spec =
        read(
            "proxy:\n  ports: {http: 8080, https: 8443}\n"
                + "  names: {api: Api.Example.com, dashboard: dash.example.com}\n");
    assertThat(spec.backend().cloudOrigin()).isEqualTo("https://api.example.com:8443");
    assertThat(spec.backend().siteOrigin()).isEqualTo("https://api.example.com:8443/http");
    assertThat(spec.dashboard().deploymentUrl()).isEqualTo("https://api.example.com:8443");
    assertThat(spec.backend().bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void theCaddyfileServesEachNameFromItsUpstream() throws IOException {
    Spec spec =
        read(
            "proxy:\n  names: {api: api.example.com, site: site.example.com,"
                + " dashboard: dash.example.com}\n  tls: {email: ops@example.com,"
                + " ca: letsencrypt-staging}\n");
    assertThat(Caddyfile.of(spec.proxy(), true))
        .isEqualTo(
            "{\n\tadmin off\n\temail ops@example.com\n\tacme_ca "
                + ProxyTls.LETS_ENCRYPT_STAGING
                + "\n}\n\n"
                + "api.example.com {\n\treverse_proxy backend:3210 {\n\t\tflush_interval -1\n\t}\n}\n\n"
                + "site.example.com {\n\treverse_proxy backend:3211 {\n\t\tflush_interval -1\n\t}\n}\n\n"
                + "dash.example.com {\n\treverse_proxy dashboard:6791 {\n\t\tflush_interval -1\n"
                + "\t}\n}\n");
  }

  @Test
  void internalAndSuppliedCertificates() throws IOException {
    Files.writeString(dir.resolve("cert.pem"), "c");
    Files.writeString(dir.resolve("key.pem"), "k");
    Spec internal = read("proxy:\n  names: {api: api.lan}\n  tls: {ca: internal}\n");
    assertThat(Caddyfile.of(internal.proxy(), true))
        .isEqualTo(
            "{\n\tadmin off\n\tlocal_certs\n}\n\n"
                + "api.lan {\n\treverse_proxy backend:3210 {\n\t\tflush_interval -1\n\t}\n}\n");
    Spec files =
        read("proxy:\n  names: {api: api.lan}\n  tls: {certificate: cert.pem, key: key.pem}\n");
    assertThat(Caddyfile.of(files.proxy(), true))
        .contains(
            "api.lan {\n\ttls /provision/tls/certificate.pem /provision/tls/key.pem\n"
                + "\treverse_proxy backend:3210");
    ContainerResource proxy = proxyOf(files);
    assertThat(proxy.mounts())
        .contains(
            Mount.bindReadOnly(dir.resolve("cert.pem").toString(), ProxyContainer.CERTIFICATE_PATH),
            Mount.bindReadOnly(dir.resolve("key.pem").toString(), ProxyContainer.KEY_PATH));
  }

  @Test
  void theProxyCarriesItsNamesAsAliasesAndKeepsCertificatesInAVolume() throws IOException {
    Files.writeString(dir.resolve("ca.pem"), "ca");
    Spec spec =
        read(
            "proxy:\n  names: {api: api.example.com, site: site.example.com,"
                + " dashboard: dash.example.com}\n  tls: {ca: \"https://pebble:14000/dir\","
                + " acmeCaRoot: ca.pem, backendTrust: ca.pem}\n");
    DesiredState desired = DesiredStateCompiler.compile(spec, SecretValues.unknown());
    ContainerResource proxy = (ContainerResource) desired.resources().get(Names.PROXY);
    assertThat(proxy.alias()).isEqualTo("proxy");
    assertThat(proxy.extraAliases())
        .containsExactly("api.example.com", "dash.example.com", "site.example.com");
    assertThat(proxy.mounts())
        .containsExactly(
            Mount.volume("app-proxy-data", "/data"),
            Mount.bindReadOnly(dir.resolve("ca.pem").toString(), ProxyContainer.ACME_CA_ROOT_PATH));
    assertThat(proxy.env().get(ProxyContainer.CADDYFILE_ENV).text())
        .contains("\tacme_ca https://pebble:14000/dir\n\tacme_ca_root " + "/provision/")
        .doesNotContain("email");
    assertThat(desired.resources()).containsKey(Names.PROXY_VOLUME);
    ContainerResource backend = (ContainerResource) desired.resources().get(Names.BACKEND);
    assertThat(backend.env().get("SSL_CERT_FILE"))
        .isEqualTo(Value.plain("/provision/proxy-ca.pem"));
    assertThat(backend.mounts())
        .contains(Mount.bindReadOnly(dir.resolve("ca.pem").toString(), "/provision/proxy-ca.pem"));
    assertThat(backend.ports()).allMatch(p -> p.hostIp().equals("127.0.0.1"));
  }

  @Test
  void withoutTheSectionNothingChanges() throws IOException {
    Spec spec = read("proxy:\n  enabled: false\n  names: {api: api.example.com}\n");
    DesiredState desired = DesiredStateCompiler.compile(spec, SecretValues.unknown());
    assertThat(desired.resources()).doesNotContainKeys(Names.PROXY, Names.PROXY_VOLUME);
    assertThat(spec.backend().cloudOrigin()).isEqualTo("http://127.0.0.1:3210");
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
    // as Caddy 2.6.2 wrote it for this CA URL (a backslash in the path, encoded)
    assertThat(dirOf("https://front:8443/acme%5Cdir", "ops@example.com"))
        .isEqualTo("caddy/acme/front-8443-acme-dir/users/ops@example.com");
  }

  @Test
  void onlyTheAcmeProxyRegistersItsAccountFirst() throws IOException {
    ContainerResource acme =
        proxyOf(read("proxy:\n  names: {api: api.example.com}\n  tls: {email: ops@example.com}\n"));
    assertThat(acme.command()).isEqualTo(ProxyContainer.ACME_COMMAND);
    assertThat(acme.env().get(ProxyContainer.ACCOUNT_DIRECTORY_ENV).text())
        .isEqualTo("caddy/acme/acme-v02.api.letsencrypt.org-directory/users/ops@example.com");
    assertThat(acme.env()).containsKey(ProxyContainer.ACCOUNT_CADDYFILE_ENV);
    assertThat(acme.env().get(ProxyContainer.API_CERTIFICATE_ENV).text())
        .isEqualTo(
            "caddy/certificates/acme-v02.api.letsencrypt.org-directory/api.example.com/"
                + "api.example.com.crt");

    ContainerResource internal =
        proxyOf(read("proxy:\n  names: {api: api.lan}\n  tls: {ca: internal}\n"));
    assertThat(internal.command()).isEqualTo(ProxyContainer.COMMAND);
    assertThat(internal.env())
        .doesNotContainKeys(
            ProxyContainer.ACCOUNT_DIRECTORY_ENV,
            ProxyContainer.ACCOUNT_CADDYFILE_ENV,
            ProxyContainer.API_CERTIFICATE_ENV);
  }

  @Test
  void everyNameWithoutACertificateMayRegisterTheAccountAlone() throws IOException {
    Spec spec =
        read(
            "proxy:\n  names: {api: api.example.com, site: site.example.com,"
                + " dashboard: dash.example.com}\n  tls: {email: ops@example.com}\n");
    ContainerResource proxy = proxyOf(spec);
    String full = Caddyfile.of(spec.proxy(), true);
    String global = full.substring(0, full.indexOf("\napi.example.com"));
    assertThat(proxy.env().get(ProxyContainer.SITE_ACCOUNT_CADDYFILE_ENV).text())
        .isEqualTo(
            global + full.substring(full.indexOf("\nsite.example.com"), full.indexOf("\ndash")));
    assertThat(proxy.env().get(ProxyContainer.DASHBOARD_ACCOUNT_CADDYFILE_ENV).text())
        .isEqualTo(global + full.substring(full.indexOf("\ndash.example.com")));
    assertThat(proxy.env().get(ProxyContainer.SITE_CERTIFICATE_ENV).text())
        .isEqualTo(
            "caddy/certificates/acme-v02.api.letsencrypt.org-directory/site.example.com/"
                + "site.example.com.crt");
    assertThat(proxy.env().get(ProxyContainer.DASHBOARD_CERTIFICATE_ENV).text())
        .endsWith("/dash.example.com/dash.example.com.crt");

    ContainerResource apiOnly = proxyOf(read("proxy:\n  names: {api: api.example.com}\n"));
    assertThat(apiOnly.env())
        .containsKey(ProxyContainer.API_CERTIFICATE_ENV)
        .doesNotContainKeys(
            ProxyContainer.SITE_CERTIFICATE_ENV,
            ProxyContainer.SITE_ACCOUNT_CADDYFILE_ENV,
            ProxyContainer.DASHBOARD_CERTIFICATE_ENV,
            ProxyContainer.DASHBOARD_ACCOUNT_CADDYFILE_ENV);
  }

  @Test
  void anEmailThatWouldOpenAQuoteOrAHeredocInTheCaddyfileIsRefused() throws IOException {
    // Caddy takes a token starting with a backtick as quoted up to the next backtick, and one
    // starting with << (2.7 and later) as a heredoc: either breaks the proxy's Caddyfile
    for (String email : List.of("`ops@example.com", "<<ops@example.com", "ops)@example.com")) {
      assertThatThrownBy(
              () ->
                  read(
                      "proxy:\n  names: {api: api.example.com}\n  tls: {email: '" + email + "'}\n"))
          .as(email)
          .hasMessageContaining("`proxy.tls.email` is not an email address");
    }
    assertThat(
            read("proxy:\n  names: {api: api.example.com}\n  tls: {email: \"o'neil+tls@example.com\"}\n")
                .proxy()
                .tls()
                .email())
        .isEqualTo("o'neil+tls@example.com");
  }

  private static String dirOf(String ca, String email) {
    return Caddyfile.accountDirectory(
        new ProxyTls(ProxyTls.Mode.ACME, email, ca, null, null, null, null));
  }

  private static ContainerResource proxyOf(Spec spec) {
    return (ContainerResource)
        DesiredStateCompiler.compile(spec, SecretValues.unknown()).resources().get(Names.PROXY);
  }
}
