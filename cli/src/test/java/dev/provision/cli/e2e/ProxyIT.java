package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy:} end to end with real certificates: Debian's caddy as the proxy and Debian's pebble
 * (an RFC 8555 ACME test CA) on the deployment's network, the names resolved by network aliases,
 * the proxy published on high loopback ports. An existing deployment gets the proxy: apply obtains
 * certificates over ACME (HTTP-01 through the aliases), the backend reaches its own site origin
 * through the proxy from inside its container (the hairpin behind "No auth provider found") and
 * trusts the test CA through SSL_CERT_FILE, {@code curl --cacert <pebble root> --resolve} gets the
 * API's /version and the dashboard over HTTPS, and a websocket upgrade on the sync path passes
 * (answered 101 by the backend, seen through the proxy). Renaming the dashboard plans as a graded
 * proxy replace, and the API's certificate stays the same file in the proxy's volume across it.
 */
class ProxyIT {
  private static final String CADDY =
      E2e.image("PROVISION_TEST_CADDY_IMAGE", "provision-test/caddy:latest");
  private static final String PEBBLE =
      E2e.image("PROVISION_TEST_PEBBLE_IMAGE", "provision-test/pebble:latest");

  @Test
  void certificatesFromAcmeHairpinAuthDiscoveryAndKeptCertificates() throws Exception {
    try (E2e e = new E2e()) {
      String pebble = "pt-pebble-" + UUID.randomUUID().toString().substring(0, 8);
      int http = E2e.freePort();
      int https = E2e.freePort();
      String api = "api." + e.deployment + ".test";
      String site = "site." + e.deployment + ".test";
      String dash = "dash." + e.deployment + ".test";
      Path spec = e.dir.resolve("proxy.yaml");
      String base =
          "version: 1\ndeployment: placeholder\nauth:\n  siteUrl: http://localhost:5173\n"
              // a backend image built for one branch has a tag of its own
              + "dashboard:\n  allowVersionMismatch: true\n";
      Files.writeString(spec, base);
      try {
        E2e.Run first = e.run("apply", spec.toString(), "--yes");
        assertThat(first.code()).as(first.all()).isZero();

        DockerCli.run(
            "run",
            "-d",
            "--name",
            pebble,
            "--network",
            e.deployment + "-net",
            "--network-alias",
            "pebble",
            "-p",
            "127.0.0.1::15000",
            "-e",
            "PEBBLE_HTTP_PORT=" + http,
            "-e",
            "PEBBLE_TLS_PORT=" + https,
            PEBBLE);
        Path acmeCa = e.dir.resolve("acme-ca.pem");
        Files.writeString(
            acmeCa, waitFor(() -> DockerCli.run("exec", pebble, "cat", "/pebble/ca.pem")));
        String management = DockerCli.run("port", pebble, "15000").trim().split("\n")[0];
        Path root = e.dir.resolve("pebble-root.pem");
        Files.writeString(
            root,
            waitFor(
                () -> curl("--cacert", acmeCa.toString(), "https://" + management + "/roots/0")));

        String proxy =
            "proxy:\n  image: "
                + CADDY
                + "\n  bind: 127.0.0.1\n"
                + "  ports: {http: "
                + http
                + ", https: "
                + https
                + "}\n"
                + "  names: {api: "
                + api
                + ", site: "
                + site
                + ", dashboard: %s}\n"
                + "  tls:\n    ca: https://pebble:14000/dir\n    email: ops@example.com\n"
                + "    acmeCaRoot: acme-ca.pem\n    backendTrust: pebble-root.pem\n";
        Files.writeString(spec, base + String.format(proxy, dash));
        E2e.Run apply = e.run("apply", spec.toString(), "--yes");
        assertThat(apply.code()).as(apply.all() + logs(e)).isZero();
        assertThat(apply.out())
            .as(apply.all() + logs(e))
            .contains(
                "ok    HTTPS through the proxy from inside the backend: https://"
                    + api
                    + ":"
                    + https
                    + "/version")
            .contains(
                "ok    auth discovery from inside the backend: https://"
                    + site
                    + ":"
                    + https
                    + "/.well-known/openid-configuration");

        // three names at the proxy's first start, one ACME account: it was registered alone first
        assertThat(log(pebble, "all"))
            .contains("There are now 1 accounts in memory")
            .doesNotContain("There are now 2 accounts in memory");
        assertThat(inVolume(e, "ls /data/caddy/acme/pebble-14000-dir/users/ops@example.com/"))
            .contains(".key");

        String version = curl(resolve(root, api, https, "/version"));
        assertThat(version).isNotBlank();
        assertThat(curl(resolve(root, dash, https, "/"))).isNotEmpty();
        assertThat(curl(resolve(root, site, https, "/.well-known/openid-configuration")))
            .contains("\"issuer\":\"https://" + site + ":" + https + "\"");

        List<String> upgrade =
            new ArrayList<>(
                List.of(
                    "--http1.1",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "--max-time",
                    "5",
                    "-H",
                    "Connection: Upgrade",
                    "-H",
                    "Upgrade: websocket",
                    "-H",
                    "Sec-WebSocket-Version: 13",
                    "-H",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
        upgrade.addAll(List.of(resolve(root, api, https, "/api/sync")));
        assertThat(run("curl", upgrade)).as("websocket upgrade on the sync path").isEqualTo("101");

        E2e.Run doctor = e.run("doctor", spec.toString());
        assertThat(doctor.out())
            .as(doctor.all())
            .contains("ok    proxy container: " + e.deployment + "-proxy runs");
        E2e.Run status = e.run("status", spec.toString());
        assertThat(status.out())
            .as(status.all())
            .contains("container.proxy")
            .contains("volume.proxy");
        E2e.Run logs = e.run("logs", spec.toString(), "proxy");
        assertThat(logs.code()).as(logs.all()).isZero();
        assertThat(logs.out()).contains("certificate obtained successfully");

        String certBefore = apiCertificate(e, api);
        String dash2 = "board." + e.deployment + ".test";
        Files.writeString(spec, base + String.format(proxy, dash2));
        E2e.Run plan = e.run("plan", spec.toString(), "--format", "json");
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.out())
            .contains("\"address\": \"container.proxy\"")
            .contains("\"highest_risk\": \"downtime\"");
        E2e.Run replace = e.run("apply", spec.toString(), "--yes");
        assertThat(replace.code()).as(replace.all() + logs(e)).isZero();
        // apply waits until the renamed name has its certificate: no TLS error right after it
        assertThat(replace.out())
            .as(replace.all())
            .containsPattern(
                "ok    HTTPS through the proxy from inside the backend: .*https://" + dash2);
        assertThat(curl(resolve(root, dash2, https, "/"))).isNotEmpty();
        assertThat(apiCertificate(e, api)).isEqualTo(certBefore);

        E2e.Run again = e.run("plan", spec.toString(), "--detailed-exitcode");
        assertThat(again.code()).as(again.all()).isZero();

        // damage by hand: the stored account key is another account's (what Caddy before 2.9
        // could leave); the next new name is refused by the CA, and the failure says how to fix it
        String account = "/data/caddy/acme/pebble-14000-dir/users/ops@example.com";
        DockerCli.run(
            "run",
            "--rm",
            "-v",
            e.deployment + "-proxy-data:/data",
            "--entrypoint",
            "sh",
            PEBBLE,
            "-c",
            "openssl ecparam -name prime256v1 -genkey -noout > " + account + "/ops.key");
        String dash3 = "panel." + e.deployment + ".test";
        Files.writeString(spec, base + String.format(proxy, dash3));
        E2e.Run refused = e.run("apply", spec.toString(), "--yes");
        assertThat(refused.code()).as(refused.all()).isEqualTo(1);
        assertThat(refused.out())
            .as(refused.all())
            .contains("\"JWS verification error\" in its log")
            .contains("docker restart " + e.deployment + "-proxy");
        // the two commands the failure gives, run as printed: the next name gets its certificate
        Matcher fix =
            Pattern.compile("`(docker run [^`]+)`\\), then `(docker restart [^`]+)`")
                .matcher(refused.out());
        assertThat(fix.find()).as(refused.out()).isTrue();
        assertThat(fix.group(1)).endsWith(" -rf " + account);
        DockerCli.run(fix.group(1).substring("docker ".length()).split(" "));
        DockerCli.run(fix.group(2).substring("docker ".length()).split(" "));
        assertThat(waitFor(() -> curl(resolve(root, dash3, https, "/")))).isNotEmpty();
      } finally {
        Docker.quietly("rm", "-f", pebble);
      }
    }
  }

  /** The args of a curl that resolves {@code name} to the proxy on loopback and trusts pebble. */
  private static String[] resolve(Path root, String name, int port, String path) {
    return new String[] {
      "--cacert",
      root.toString(),
      "--resolve",
      name + ":" + port + ":127.0.0.1",
      "https://" + name + ":" + port + path
    };
  }

  /** The API name's certificate file in the proxy's volume (its text: same file, same cert). */
  private static String apiCertificate(E2e e, String api) {
    return inVolume(e, "cat /data/caddy/certificates/*/" + api + "/" + api + ".crt");
  }

  /** What {@code script} prints, run with the proxy's volume at /data, read-only. */
  private static String inVolume(E2e e, String script) {
    return DockerCli.run(
        "run",
        "--rm",
        "-v",
        e.deployment + "-proxy-data:/data:ro",
        "provision-test/base:latest",
        "sh",
        "-c",
        script);
  }

  private static String logs(E2e e) {
    return "\n--- proxy log:\n" + log(e.deployment + "-proxy", "40");
  }

  /** The last {@code tail} lines ("all" for every line) a container wrote, stdout and stderr. */
  private static String log(String container, String tail) {
    try {
      Process p =
          new ProcessBuilder("docker", "logs", "--tail", tail, container)
              .redirectErrorStream(true)
              .start();
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException missing) {
      return "";
    }
  }

  static String curl(String... args) {
    List<String> command = new ArrayList<>(List.of("curl", "-fsS", "--max-time", "10"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run curl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs {@code program ARGS}; returns stdout whatever the exit code (an upgrade ends so). */
  static String run(String program, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(program));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    return out.trim();
  }

  /** Retries {@code call} for up to 30 s while it fails. */
  static String waitFor(java.util.function.Supplier<String> call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return call.get();
      } catch (AssertionError notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(300);
      }
    }
  }
}
