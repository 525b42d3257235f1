package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.swarm.SwarmHostDriver;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy:} on a real one-node Docker Swarm ({@link SwarmCluster}), with Caddy's own CA
 * ({@code tls.ca: internal}), as README tells users: the first apply runs the proxy as a service
 * pinned to the data node (the plan says its ports' exposure and its volume's node) and warns that
 * the backend does not trust it; the root copied out of the proxy's task becomes {@code
 * backendTrust}, which reaches the backend as a Swarm secret, and the second apply's check from
 * inside the backend passes through the proxy's alias on the overlay network (the hairpin). curl
 * from this machine gets /version over HTTPS on the node's host-mode port; the next plan is empty;
 * status, doctor and {@code logs SPEC proxy} see the proxy; changing the trusted file here plans a
 * replace; the user's own certificate and key arrive as secrets too; destroy leaves no service,
 * volume or secret of the deployment.
 */
class SwarmProxyIT {
  private static final String CADDY =
      E2e.image("PROVISION_TEST_CADDY_IMAGE", "provision-test/caddy:latest");
  private static final String PEBBLE =
      E2e.image("PROVISION_TEST_PEBBLE_IMAGE", "provision-test/pebble:latest");
  private static final String ROOT = "/data/caddy/pki/authorities/local/root.crt";

  private static SwarmCluster cluster;

  @BeforeAll
  static void startCluster() {
    SwarmCluster.assumeAvailable();
    cluster =
        SwarmCluster.start(1, List.of(E2e.backendImage(), E2e.dashboardImage(), CADDY, PEBBLE));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** An E2e whose deployment runs on the cluster's one node, reached at its address. */
  private static E2e onCluster() throws Exception {
    SwarmCluster.Node node = cluster.manager();
    E2e e = new E2e();
    e.host = node.address();
    e.extraSets.addAll(
        List.of(
            "--set", "target.swarm.host=" + node.dockerHost(),
            "--set", "target.swarm.node=" + node.hostname()));
    e.driver = () -> SwarmHostDriver.open(node.dockerHost(), null, false, node.hostname());
    return e;
  }

  @Test
  void proxyServesHttpsOnTheNodeAndTheBackendReachesItsOwnNames() throws Exception {
    SwarmCluster.Node node = cluster.manager();
    try (E2e e = onCluster()) {
      int http = E2e.freePort();
      int https = E2e.freePort();
      String api = "api." + e.deployment + ".test";
      Path spec = e.dir.resolve("swarm-proxy.yaml");
      String proxy =
          "version: 1\ndeployment: placeholder\n"
              + "dashboard:\n  allowVersionMismatch: true\n"
              + "proxy:\n  image: "
              + CADDY
              + "\n  ports: {http: "
              + http
              + ", https: "
              + https
              + "}\n  names: {api: "
              + api
              + "}\n  tls:\n    ca: internal\n";
      Files.writeString(spec, proxy);

      E2e.Run plan = e.run("plan", spec.toString());
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out())
          .as(plan.all())
          .contains("container.proxy")
          .contains(
              "on Swarm, the proxy's ports "
                  + http
                  + " (http) and "
                  + https
                  + " (https), and the backend's API port")
          .contains("published in host mode on node `" + node.hostname() + "`")
          .contains("the proxy (volume `" + e.deployment + "-proxy-data`)");

      E2e.Run first = e.run("apply", spec.toString(), "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      assertThat(first.out())
          .as(first.all())
          .contains("HTTPS through the proxy from inside the backend")
          .contains("the backend does not trust the proxy's certificate");

      Path root = e.dir.resolve("internal-root.pem");
      Files.writeString(root, cluster.docker(0, "exec", proxyTask(cluster, e), "cat", ROOT));
      Files.writeString(spec, proxy + "    backendTrust: internal-root.pem\n");

      E2e.Run second = e.run("apply", spec.toString(), "--yes");
      assertThat(second.code()).as(second.all()).isZero();
      assertThat(second.out())
          .as(second.all())
          .contains(
              "ok    HTTPS through the proxy from inside the backend: https://"
                  + api
                  + ":"
                  + https
                  + "/version")
          .doesNotContain("does not trust");
      assertThat(
              ProxyIT.curl(
                  "--cacert",
                  root.toString(),
                  "--resolve",
                  api + ":" + https + ":" + node.address(),
                  "https://" + api + ":" + https + "/version"))
          .isNotBlank();
      assertThat(secrets(cluster, e)).hasSize(1);

      E2e.Run again = e.run("apply", spec.toString(), "--yes");
      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.out()).as(again.all()).contains("No changes.");

      E2e.Run status = e.run("status", spec.toString());
      assertThat(status.out())
          .as(status.all())
          .containsPattern("container\\.proxy +running, .*, on node " + node.hostname() + "\n")
          .contains("volume.proxy")
          .contains("Drift: none\n");
      E2e.Run doctor = e.run("doctor", spec.toString());
      assertThat(doctor.out())
          .as(doctor.all())
          .contains("ok    proxy container: " + e.deployment + "-proxy runs");
      E2e.Run logs = e.run("logs", spec.toString(), "proxy");
      assertThat(logs.code()).as(logs.all()).isZero();
      assertThat(logs.out()).as(logs.all()).isNotBlank();

      Files.writeString(root, Files.readString(root) + "\n");
      E2e.Run changed = e.run("plan", spec.toString(), "--detailed-exitcode");
      assertThat(changed.code()).as(changed.all()).isEqualTo(2);
      assertThat(changed.out())
          .as(changed.all())
          .contains("changed here since copied to the swarm");

      userCertificateAndKeyArriveAsSecrets(cluster, e, spec, proxy, api, https);

      E2e.Run gone = e.run("destroy", spec.toString(), "--delete-data", "--yes");
      assertThat(gone.code()).as(gone.all()).isZero();
      try (var target = e.docker()) {
        assertThat(target.observe(e.deployment).resources()).isEmpty();
      }
      assertThat(secrets(cluster, e)).isEmpty();
    }
  }

  /**
   * ACME on a Swarm: pebble (a test ACME CA) runs as a plain container on the deployment's overlay
   * network, so HTTP-01 reaches the proxy through its alias; the proxy trusts pebble's own HTTPS
   * through {@code acmeCaRoot} and the backend pebble's root through {@code backendTrust}, both
   * delivered as Swarm secrets; apply's hairpin check passes and curl from this machine gets
   * /version with the certificate pebble issued; the next plan is empty.
   */
  @Test
  void certificatesFromAcmeOverTheOverlayNetwork() throws Exception {
    SwarmCluster.Node node = cluster.manager();
    try (E2e e = onCluster()) {
      String pebble = "pt-pebble-" + UUID.randomUUID().toString().substring(0, 8);
      int http = E2e.freePort();
      int https = E2e.freePort();
      String api = "api." + e.deployment + ".test";
      Path spec = e.dir.resolve("acme.yaml");
      String base =
          "version: 1\ndeployment: placeholder\ndashboard:\n  allowVersionMismatch: true\n";
      Files.writeString(spec, base);
      E2e.Run first =
          e.run(
              "apply",
              spec.toString(),
              "--set",
              "backend.origins.cloud=" + e.cloudUrl(),
              "--set",
              "backend.origins.site=http://" + node.address() + ":" + e.sitePort,
              "--yes");
      assertThat(first.code()).as(first.all()).isZero();
      try {
        cluster.docker(
            0,
            "run",
            "-d",
            "--name",
            pebble,
            "--network",
            e.deployment + "-net",
            "--network-alias",
            "pebble",
            "-p",
            "15000",
            "-e",
            "PEBBLE_HTTP_PORT=" + http,
            "-e",
            "PEBBLE_TLS_PORT=" + https,
            PEBBLE);
        Path acmeCa = e.dir.resolve("acme-ca.pem");
        Files.writeString(
            acmeCa,
            ProxyIT.waitFor(
                () -> notYet(() -> cluster.docker(0, "exec", pebble, "cat", "/pebble/ca.pem"))));
        String port = cluster.docker(0, "port", pebble, "15000").strip().split("\n")[0];
        port = port.substring(port.lastIndexOf(':') + 1);
        Path root = e.dir.resolve("pebble-root.pem");
        String management = "pebble:" + port;
        Files.writeString(
            root,
            ProxyIT.waitFor(
                () ->
                    ProxyIT.curl(
                        "--cacert",
                        acmeCa.toString(),
                        "--resolve",
                        management + ":" + node.address(),
                        "https://" + management + "/roots/0")));
        Files.writeString(
            spec,
            base
                + "proxy:\n  image: "
                + CADDY
                + "\n  ports: {http: "
                + http
                + ", https: "
                + https
                + "}\n  names: {api: "
                + api
                + "}\n  tls:\n    ca: https://pebble:14000/dir\n    email: ops@example.com\n"
                + "    acmeCaRoot: acme-ca.pem\n    backendTrust: pebble-root.pem\n");
        E2e.Run apply = e.run("apply", spec.toString(), "--yes");
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(apply.out())
            .as(apply.all())
            .contains(
                "ok    HTTPS through the proxy from inside the backend: https://"
                    + api
                    + ":"
                    + https
                    + "/version");
        assertThat(
                ProxyIT.curl(
                    "--cacert",
                    root.toString(),
                    "--resolve",
                    api + ":" + https + ":" + node.address(),
                    "https://" + api + ":" + https + "/version"))
            .isNotBlank();
        E2e.Run again = e.run("plan", spec.toString(), "--detailed-exitcode");
        assertThat(again.code()).as(again.all()).isZero();
      } finally {
        try {
          cluster.docker(0, "rm", "-f", pebble);
        } catch (RuntimeException gone) {
          // never started
        }
      }
    }
  }

  /**
   * {@code tls: {certificate, key}}: the proxy gets both, and the backend the certificate as its
   * trust, as Swarm secrets at the paths Caddy and the backend read; the key keeps its 0600 as 0400
   * for root, and its content is in no service spec and no output.
   */
  private static void userCertificateAndKeyArriveAsSecrets(
      SwarmCluster cluster, E2e e, Path spec, String proxy, String api, int https)
      throws Exception {
    Path cert = e.dir.resolve("cert.pem");
    Path key = e.dir.resolve("key.pem");
    ProxyInternalCaIT.selfSigned(cert, key, api);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(
        spec,
        proxy.replace(
            "    ca: internal\n",
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
                api + ":" + https + ":" + cluster.manager().address(),
                "https://" + api + ":" + https + "/version"))
        .isNotBlank();
    String task = proxyTask(cluster, e);
    assertThat(cluster.docker(0, "exec", task, "stat", "-c", "%a", "/provision/tls/key.pem"))
        .isEqualToIgnoringWhitespace("400");
    assertThat(secrets(cluster, e)).hasSize(3);
    String keyBody =
        Files.readString(key)
            .lines()
            .filter(l -> !l.startsWith("-----"))
            .reduce("", String::concat);
    List<String> inspect = new ArrayList<>(List.of("service", "inspect"));
    inspect.addAll(ids(cluster, "service", e));
    assertThat(cluster.docker(0, inspect.toArray(String[]::new)).replace("\n", ""))
        .doesNotContain(keyBody.substring(0, 40));
    assertThat(String.join("\n", e.outputs).replace("\n", ""))
        .doesNotContain(keyBody.substring(0, 40));
  }

  /** {@code call}, its failure an AssertionError, for {@link ProxyIT#waitFor} to retry. */
  private static String notYet(java.util.function.Supplier<String> call) {
    try {
      return call.get();
    } catch (IllegalStateException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The running container of the proxy's task. */
  private static String proxyTask(SwarmCluster cluster, E2e e) {
    return cluster
        .docker(
            0,
            "ps",
            "-q",
            "--filter",
            "label=dev.provision.deployment=" + e.deployment,
            "--filter",
            "ancestor=" + CADDY)
        .strip();
  }

  private static List<String> secrets(SwarmCluster cluster, E2e e) {
    return ids(cluster, "secret", e);
  }

  /** The ids of the deployment's Swarm objects of {@code kind} (service, secret). */
  private static List<String> ids(SwarmCluster cluster, String kind, E2e e) {
    return cluster
        .docker(0, kind, "ls", "-q", "--filter", "label=dev.provision.deployment=" + e.deployment)
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }
}
