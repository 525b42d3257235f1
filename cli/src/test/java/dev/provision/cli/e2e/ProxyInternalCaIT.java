package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy.tls.ca: internal} end to end, the way README tells users to do it: the first apply
 * serves HTTPS from the proxy's own CA and warns that the backend does not trust it (the hairpin
 * would fail), the root certificate copied out of the proxy's volume becomes {@code backendTrust},
 * the second apply's check from inside the backend passes with that trust, {@code curl --cacert
 * root} from the host gets /version, and the next plan is empty.
 */
class ProxyInternalCaIT {
  private static final String CADDY =
      E2e.image("PROVISION_TEST_CADDY_IMAGE", "provision-test/caddy:latest");
  private static final String ROOT = "/data/caddy/pki/authorities/local/root.crt";

  @Test
  void internalCaWarnsUntilTheBackendTrustsItsRoot() throws Exception {
    try (E2e e = new E2e()) {
      int http = E2e.freePort();
      int https = E2e.freePort();
      String api = "api." + e.deployment + ".test";
      Path spec = e.dir.resolve("internal.yaml");
      String proxy = spec(http, https, api, "    ca: internal\n");
      Files.writeString(spec, proxy);

      E2e.Run first = e.run("apply", spec.toString(), "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      assertThat(first.out())
          .as(first.all())
          .contains("HTTPS through the proxy from inside the backend")
          .contains("the backend does not trust the proxy's certificate")
          .contains("proxy.tls.backendTrust");

      Path root = e.dir.resolve("internal-root.pem");
      Files.writeString(
          root,
          DockerCli.run(
              "run",
              "--rm",
              "-v",
              e.deployment + "-proxy-data:/data:ro",
              "provision-test/base:latest",
              "cat",
              ROOT));
      Files.writeString(spec, proxy + "    backendTrust: internal-root.pem\n");

      E2e.Run second = e.run("apply", spec.toString(), "--yes");
      assertThat(second.code()).as(second.all()).isZero();
      assertThat(second.out())
          .as(second.all())
          .contains("ok    HTTPS through the proxy from inside the backend: https://" + api)
          .doesNotContain("does not trust");
      assertThat(
              ProxyIT.curl(
                  "--cacert",
                  root.toString(),
                  "--resolve",
                  api + ":" + https + ":127.0.0.1",
                  "https://" + api + ":" + https + "/version"))
          .isNotEmpty();

      E2e.Run again = e.run("plan", spec.toString(), "--detailed-exitcode");
      assertThat(again.code()).as(again.all()).isZero();
    }
  }

  /**
   * {@code tls: {certificate, key}}: the user's own certificate (made here with openssl,
   * self-signed for the API name) is served as is, the backend trusts it through {@code
   * backendTrust}, and curl from the host with it as the CA gets /version.
   */
  @Test
  void userCertificateIsServedAndTrusted() throws Exception {
    try (E2e e = new E2e()) {
      int http = E2e.freePort();
      int https = E2e.freePort();
      String api = "api." + e.deployment + ".test";
      Path cert = e.dir.resolve("cert.pem");
      Path key = e.dir.resolve("key.pem");
      selfSigned(cert, key, api);
      Path spec = e.dir.resolve("files.yaml");
      Files.writeString(
          spec,
          spec(
              http,
              https,
              api,
              "    certificate: cert.pem\n    key: key.pem\n    backendTrust: cert.pem\n"));

      E2e.Run apply = e.run("apply", spec.toString(), "--yes");
      assertThat(apply.code()).as(apply.all()).isZero();
      assertThat(apply.out())
          .as(apply.all())
          .contains("ok    HTTPS through the proxy from inside the backend: https://" + api);
      assertThat(
              ProxyIT.curl(
                  "--cacert",
                  cert.toString(),
                  "--resolve",
                  api + ":" + https + ":127.0.0.1",
                  "https://" + api + ":" + https + "/version"))
          .isNotEmpty();
      E2e.Run again = e.run("plan", spec.toString(), "--detailed-exitcode");
      assertThat(again.code()).as(again.all()).isZero();
    }
  }

  /** Makes a self-signed EC certificate for {@code name} and its key (0600) with openssl. */
  static void selfSigned(Path cert, Path key, String name) throws Exception {
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=" + name,
                "-addext",
                "subjectAltName=DNS:" + name,
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .start();
    String made = new String(openssl.getInputStream().readAllBytes());
    assertThat(openssl.waitFor()).as(made).isZero();
  }

  /** A spec with the proxy on {@code api} at the given ports; {@code tls} is the tls: body. */
  private static String spec(int http, int https, String api, String tls) {
    return "version: 1\ndeployment: placeholder\n"
        + "dashboard:\n  allowVersionMismatch: true\n"
        + "proxy:\n  image: "
        + CADDY
        + "\n  bind: 127.0.0.1\n  ports: {http: "
        + http
        + ", https: "
        + https
        + "}\n  names: {api: "
        + api
        + "}\n  tls:\n"
        + tls;
  }
}
