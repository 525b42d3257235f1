package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.driver.ContainerState;
import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContainerDecoderTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";

  /** Trimmed from a real 20.10 inspect of a running container made by the driver. */
  static String inspect(String name, String labelsExtra, String state) {
    return """
    {"Id": "%s", "Name": "/%s",
     "State": %s,
     "Config": {
       "Env": ["PATH=/usr/bin", "RUST_LOG=info", "TOKEN=t0k"],
       "Cmd": ["serve", "--port", "3210"],
       "Image": "ghcr.io/get-convex/convex-backend:abc",
       "Labels": {"dev.provision.deployment": "prod", "dev.provision.address": "container.backend",
         "dev.provision.config-hash": "h1", "dev.provision.name": "prod-backend",
         "dev.provision.env-keys": "RUST_LOG,TOKEN", "dev.provision.sensitive-keys": "TOKEN"%s},
       "StopSignal": "SIGINT", "StopTimeout": 30},
     "HostConfig": {
       "NetworkMode": "prod-net",
       "PortBindings": {"3211/tcp": [{"HostIp": "127.0.0.1", "HostPort": "3211"}],
                        "3210/tcp": [{"HostIp": "127.0.0.1", "HostPort": "3210"}]},
       "RestartPolicy": {"Name": "unless-stopped", "MaximumRetryCount": 0},
       "Mounts": [{"Type": "volume", "Source": "prod-data", "Target": "/convex/data"},
                  {"Type": "bind", "Source": "/etc/ssl", "Target": "/ssl", "ReadOnly": true}]},
     "NetworkSettings": {"Networks": {"prod-net": {"Aliases": ["backend", "0123456789ab"]}}}}
    """
        .formatted(ID, name, state, labelsExtra);
  }

  static final String RUNNING = "{\"Status\": \"running\", \"Running\": true, \"ExitCode\": 0}";

  static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  static ContainerResource spec() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("RUST_LOG", Value.plain("info"));
    env.put("TOKEN", Value.secret("t0k"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "backend"),
        "prod-backend",
        "ghcr.io/get-convex/convex-backend:abc",
        env,
        List.of(new PortBinding("127.0.0.1", 3210, 3210), new PortBinding("127.0.0.1", 3211, 3211)),
        List.of(Mount.volume("prod-data", "/convex/data"), Mount.bindReadOnly("/etc/ssl", "/ssl")),
        "prod-net",
        "backend",
        List.of("serve", "--port", "3210"),
        "unless-stopped",
        "SIGINT",
        30,
        null,
        List.of(),
        null);
  }

  @Test
  void rebuildsTheSpecExactly() throws Exception {
    ObservedResource seen =
        ContainerDecoder.decode(
            json(inspect("prod-backend", ", \"dev.provision.command-set\": \"true\"", RUNNING)));

    assertThat(seen.resource()).isEqualTo(spec());
    assertThat(seen.status()).isEqualTo(new RuntimeStatus(true, null, null));
    assertThat(seen.appliedHash()).isEqualTo("h1");
  }

  /** Docker shows an image's own health check in the inspect: only one provision set counts. */
  @Test
  void onlyAHealthCheckTheEngineSetIsReported() throws Exception {
    String withCheck =
        inspect("prod-backend", "", RUNNING)
            .replace(
                "\"StopSignal\"",
                "\"Healthcheck\": {\"Test\": [\"CMD\", \"true\"], \"Interval\": 1000000000,"
                    + " \"Retries\": 2}, \"StopSignal\"");
    ContainerResource imageOwn =
        (ContainerResource) ContainerDecoder.decode(json(withCheck)).resource();
    assertThat(imageOwn.healthCheck()).isNull();

    ContainerResource engineSet =
        (ContainerResource)
            ContainerDecoder.decode(
                    json(
                        withCheck.replace(
                            "\"dev.provision.name\"",
                            "\"dev.provision.health-set\": \"true\", \"dev.provision.name\"")))
                .resource();
    assertThat(engineSet.healthCheck().command()).containsExactly("true");
    assertThat(engineSet.healthCheck().retries()).isEqualTo(2);
  }

  @Test
  void theImageCommandIsNotReportedAsTheSpecs() throws Exception {
    ContainerResource seen =
        (ContainerResource)
            ContainerDecoder.decode(json(inspect("prod-backend", "", RUNNING))).resource();

    assertThat(seen.command()).isEmpty();
  }

  @Test
  void exitedAndUnhealthyStatesAreKept() throws Exception {
    String exited =
        "{\"Status\": \"exited\", \"Running\": false, \"ExitCode\": 137,"
            + " \"Health\": {\"Status\": \"unhealthy\"}}";
    JsonNode node = json(inspect("prod-backend", "", exited));

    assertThat(ContainerDecoder.decode(node).status())
        .isEqualTo(new RuntimeStatus(false, 137, "unhealthy"));
    assertThat(ContainerDecoder.state(node))
        .isEqualTo(
            new ContainerState(
                "prod-backend",
                "ghcr.io/get-convex/convex-backend:abc",
                false,
                137,
                "unhealthy",
                ContainerDecoder.state(node).labels()));
    String created = "{\"Status\": \"created\", \"Running\": false, \"ExitCode\": 0}";
    assertThat(
            ContainerDecoder.decode(json(inspect("prod-backend", "", created))).status().exitCode())
        .isNull();
  }

  @Test
  void replacementNamesGetTheirOwnAddress() throws Exception {
    assertThat(
            ContainerDecoder.decode(json(inspect("prod-backend-next", "", RUNNING)))
                .resource()
                .address())
        .isEqualTo(Address.of(Address.Kind.CONTAINER, "backend-next"));
    assertThat(
            ContainerDecoder.decode(json(inspect("prod-backend-prev", "", RUNNING)))
                .resource()
                .address())
        .isEqualTo(Address.of(Address.Kind.CONTAINER, "backend-prev"));
    assertThat(ContainerDecoder.decode(json(inspect("renamed", "", RUNNING))).resource().address())
        .isEqualTo(Address.of(Address.Kind.CONTAINER, "backend@renamed"));
  }

  @Test
  void addressFallsBackToTheNameWithoutAUsableLabel() {
    assertThat(ContainerDecoder.address(Map.of(), "stray"))
        .isEqualTo(Address.of(Address.Kind.CONTAINER, "stray"));
    assertThat(ContainerDecoder.address(Map.of("dev.provision.address", "nodot"), "stray"))
        .isEqualTo(Address.of(Address.Kind.CONTAINER, "stray"));
  }

  @Test
  void defaultsOfAContainerMadeElsewhere() throws Exception {
    JsonNode node =
        json(
            """
            {"Id": "x", "Name": "/other", "State": {"Running": false, "ExitCode": 1, "Status": "exited"},
             "Config": {"Image": "busybox", "Env": ["A=1"], "Cmd": ["sh"], "Labels": null},
             "HostConfig": {"NetworkMode": "default", "RestartPolicy": {"Name": ""},
               "Binds": ["/srv:/srv:ro,rprivate", "vol:/data"]}}
            """);

    ContainerResource seen = (ContainerResource) ContainerDecoder.decode(node).resource();

    assertThat(seen.network()).isNull();
    assertThat(seen.alias()).isNull();
    assertThat(seen.env()).isEmpty();
    assertThat(seen.restartPolicy()).isEqualTo("no");
    assertThat(seen.stopTimeoutSeconds()).isEqualTo(10);
    assertThat(seen.mounts())
        .containsExactly(
            new Mount("/srv", "/srv", true, true), new Mount("vol", "/data", false, false));
  }

  /** The running inspect, attached to prod-net through the network with id {@code networkId}. */
  private static JsonNode onNetwork(String networkId, String state) throws Exception {
    return json(
        inspect("prod-backend", "", state)
            .replace(
                "\"prod-net\": {\"Aliases\"",
                "\"prod-net\": {\"NetworkID\": \"" + networkId + "\", \"Aliases\""));
  }

  @Test
  void aContainerOnADeletedNetworkIsOnNoNetwork() throws Exception {
    // prod-net was deleted and made again under the same name: the container's endpoint points at
    // the old id, so it is not on the new network (Docker does not reconnect it).
    HostFacts facts = new HostFacts(Set.of("n-new", "prod-net", "bridge"), Map.of());
    ContainerResource c =
        (ContainerResource) ContainerDecoder.decode(onNetwork("n-old", RUNNING), facts).resource();
    assertThat(c.network()).isNull();
    assertThat(c.alias()).isNull();
    assertThat(c.attributes()).doesNotContainKey("network");
  }

  @Test
  void aContainerOnAnExistingNetworkKeepsItAndItsAlias() throws Exception {
    HostFacts facts = new HostFacts(Set.of("n-old", "prod-net"), Map.of());
    ContainerResource c =
        (ContainerResource) ContainerDecoder.decode(onNetwork("n-old", RUNNING), facts).resource();
    assertThat(c.network()).isEqualTo("prod-net");
    assertThat(c.alias()).isEqualTo("backend");
  }

  @Test
  void morePublicNamesOnTheNetworkAreReadBackSortedWithoutTheEngineId() throws Exception {
    String text =
        inspect("prod-backend", ", \"dev.provision.command-set\": \"true\"", RUNNING)
            .replace(
                "\"Aliases\": [\"backend\", \"0123456789ab\"]",
                "\"Aliases\": [\"backend\", \"site.example.com\", \"api.example.com\","
                    + " \"0123456789ab\"]");
    ContainerResource c = (ContainerResource) ContainerDecoder.decode(json(text)).resource();
    assertThat(c.alias()).isEqualTo("backend");
    assertThat(c.extraAliases()).containsExactly("api.example.com", "site.example.com");
  }

  @Test
  void aNeverStartedContainersNetworkIsFoundByName() throws Exception {
    // Before its first start a container has no endpoint yet: its NetworkID is empty.
    String created = "{\"Status\": \"created\", \"Running\": false, \"ExitCode\": 0}";
    ContainerResource there =
        (ContainerResource)
            ContainerDecoder.decode(
                    onNetwork("", created), new HostFacts(Set.of("n-1", "prod-net"), Map.of()))
                .resource();
    assertThat(there.network()).isEqualTo("prod-net");
    ContainerResource gone =
        (ContainerResource)
            ContainerDecoder.decode(onNetwork("", created), new HostFacts(Set.of("n-1"), Map.of()))
                .resource();
    assertThat(gone.network()).isNull();
  }

  @Test
  void anImageNameThatMovedToAnotherIdIsReportedWithTheRunningId() throws Exception {
    String name = "ghcr.io/get-convex/convex-backend:abc";
    JsonNode running =
        json(
            inspect("prod-backend", "", RUNNING)
                .replace(
                    "\"Name\": \"/prod-backend\",",
                    "\"Name\": \"/prod-backend\", \"Image\": \"sha256:old\","));
    assertThat(ContainerDecoder.image(running, new HostFacts(null, Map.of(name, "sha256:new"))))
        .isEqualTo(name + "@sha256:old");
    assertThat(ContainerDecoder.image(running, new HostFacts(null, Map.of(name, "sha256:old"))))
        .isEqualTo(name);
    // the name no longer resolves on the host (image removed): no mismatch is claimed
    assertThat(ContainerDecoder.image(running, HostFacts.unknown())).isEqualTo(name);
    ContainerResource c =
        (ContainerResource)
            ContainerDecoder.decode(running, new HostFacts(null, Map.of(name, "sha256:new")))
                .resource();
    assertThat(c.image()).isEqualTo(name + "@sha256:old");
  }
}
