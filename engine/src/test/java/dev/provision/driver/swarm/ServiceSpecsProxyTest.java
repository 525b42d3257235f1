package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.convex.ProxyContainer;
import dev.provision.live.ObservedResource;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Readiness;
import dev.provision.model.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy as a Swarm service: pinned to the data node with its volume, stop-first, its ports in
 * host mode, its public names as aliases on the overlay network (the hairpin), and the files of
 * this machine it mounts delivered as Swarm secrets at the same paths (never their content in the
 * spec), read back as the same mounts.
 */
class ServiceSpecsProxyTest {
  private static final String CERT = "/home/ops/tls/cert.pem";
  private static final String KEY = "/home/ops/tls/key.pem";

  static ContainerResource proxy() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put(ProxyContainer.CADDYFILE_ENV, Value.plain("{\n\tadmin off\n}\n"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "proxy"),
        "prod-proxy",
        "caddy:2.8.4",
        env,
        List.of(new PortBinding("0.0.0.0", 80, 80), new PortBinding("0.0.0.0", 443, 443)),
        List.of(
            Mount.volume("prod-proxy-data", ProxyContainer.DATA_PATH),
            Mount.bindReadOnly(CERT, ProxyContainer.CERTIFICATE_PATH),
            Mount.bindReadOnly(KEY, ProxyContainer.KEY_PATH)),
        "prod-net",
        ProxyContainer.ALIAS,
        ProxyContainer.COMMAND,
        "unless-stopped",
        "SIGTERM",
        10,
        new Readiness(Readiness.Kind.RUNNING, 0, null, Duration.ofSeconds(60)),
        List.of("api.example.com", "site.example.com"),
        null);
  }

  private static final Map<String, SwarmFiles.Ref> FILES =
      Map.of(
          ProxyContainer.CERTIFICATE_PATH, new SwarmFiles.Ref("s1", "prod-file-aaaa", 0444),
          ProxyContainer.KEY_PATH, new SwarmFiles.Ref("s2", "prod-file-bbbb", 0400));

  static ObjectNode spec() {
    return ServiceSpecs.of(
        "prod", proxy(), "prod-proxy", "prod-proxy", "h1", Map.of(), Map.of(), FILES);
  }

  @Test
  void theProxyIsPinnedStopFirstWithHostPortsAndItsNamesAsAliases() {
    JsonNode s = spec();
    assertThat(s.at("/TaskTemplate/Placement/Constraints").toString())
        .isEqualTo("[\"node.labels.dev.provision.node.prod==data\"]");
    assertThat(s.at("/UpdateConfig/Order").asText()).isEqualTo("stop-first");
    assertThat(s.at("/RollbackConfig/Order").asText()).isEqualTo("stop-first");
    assertThat(s.at("/EndpointSpec").toString())
        .isEqualTo(
            "{\"Mode\":\"dnsrr\",\"Ports\":["
                + "{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":80,\"PublishMode\":\"host\"},"
                + "{\"Protocol\":\"tcp\",\"TargetPort\":443,\"PublishedPort\":443,\"PublishMode\":\"host\"}]}");
    assertThat(s.at("/TaskTemplate/Networks").toString())
        .isEqualTo(
            "[{\"Target\":\"prod-net\",\"Aliases\":[\"proxy\",\"api.example.com\",\"site.example.com\"]}]");
  }

  @Test
  void filesOfThisMachineAreSecretsAtTheirPathsAndOnlyTheVolumeIsAMount() {
    JsonNode c = spec().at("/TaskTemplate/ContainerSpec");
    assertThat(c.path("Mounts").toString())
        .isEqualTo(
            "[{\"Type\":\"volume\",\"Source\":\"prod-proxy-data\",\"Target\":\"/data\","
                + "\"ReadOnly\":false,\"VolumeOptions\":{\"Labels\":{\"dev.provision.deployment\":\"prod\"}}}]");
    assertThat(c.path("Secrets").toString())
        .isEqualTo(
            "[{\"File\":{\"Name\":\"/provision/tls/certificate.pem\",\"UID\":\"0\",\"GID\":\"0\","
                + "\"Mode\":292},\"SecretID\":\"s1\",\"SecretName\":\"prod-file-aaaa\"},"
                + "{\"File\":{\"Name\":\"/provision/tls/key.pem\",\"UID\":\"0\",\"GID\":\"0\","
                + "\"Mode\":256},\"SecretID\":\"s2\",\"SecretName\":\"prod-file-bbbb\"}]");
    assertThat(spec().at("/Labels/dev.provision.swarm.files").asText())
        .isEqualTo(
            "/provision/tls/certificate.pem=" + CERT + "\n/provision/tls/key.pem=" + KEY + "\n");
  }

  @Test
  void readsBackAsTheSameMountsAndAChangedFileAsChanged() {
    ObjectNode service = SwarmApi.JSON.createObjectNode().put("ID", "svc1");
    service.set("Spec", spec());
    ((ObjectNode) service.at("/Spec/TaskTemplate/Networks/0")).put("Target", "netid");
    ObservedResource seen =
        ServiceDecoder.decode(service, List.of(), Map.of("netid", "prod-net"), Map.of());
    ContainerResource read = (ContainerResource) seen.resource();
    assertThat(read.attributes()).isEqualTo(proxy().attributes());
    assertThat(read.mounts()).containsExactlyInAnyOrderElementsOf(proxy().mounts());

    ObservedResource changed =
        ServiceDecoder.decode(
            service,
            List.of(),
            Map.of("netid", "prod-net"),
            Map.of(),
            (target, source, secret) -> secret.equals("prod-file-aaaa"));
    assertThat(((ContainerResource) changed.resource()).attributes())
        .containsEntry(
            "mounts." + ProxyContainer.CERTIFICATE_PATH,
            Value.plain(CERT + ServiceDecoder.CHANGED + " (ro)"))
        .containsEntry("mounts." + ProxyContainer.KEY_PATH, Value.plain(KEY + " (ro)"));
  }

  @Test
  void aSecretNameFollowsTargetAndContentAndTheModeTheFilesReadBits(@TempDir Path dir)
      throws Exception {
    byte[] a = "A".getBytes();
    String name = SwarmFiles.name("prod", "/t", a);
    assertThat(name).matches("prod-file-[0-9a-f]{16}");
    assertThat(SwarmFiles.name("prod", "/t", a)).isEqualTo(name);
    assertThat(SwarmFiles.name("prod", "/u", a)).isNotEqualTo(name);
    assertThat(SwarmFiles.name("prod", "/t", "B".getBytes())).isNotEqualTo(name);
    String longest = "d".repeat(63);
    assertThat(SwarmFiles.name(longest, "/t", a)).hasSize(64).startsWith("d".repeat(42) + "-file-");
    assertThat(SwarmFiles.name(longest, "/t", a))
        .isNotEqualTo(SwarmFiles.name("d".repeat(62), "/t", a));

    Path key = dir.resolve("key.pem");
    Files.write(key, a);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    assertThat(SwarmFiles.mode(key)).isEqualTo(0400);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(SwarmFiles.mode(key)).isEqualTo(0444);

    assertThat(SwarmFiles.changed("prod", "/t", key.toString(), name)).isFalse();
    Files.write(key, "B".getBytes());
    assertThat(SwarmFiles.changed("prod", "/t", key.toString(), name)).isTrue();
    assertThat(SwarmFiles.changed("prod", "/t", dir.resolve("gone").toString(), name)).isFalse();
  }
}
