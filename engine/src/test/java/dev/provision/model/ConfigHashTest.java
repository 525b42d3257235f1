package dev.provision.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the v2 and v3 serializations and hashes of each container type. If one of these changes,
 * every running deployment would be reported as changed: bump {@link CanonicalConfig#VERSION} and
 * keep the old function for comparison instead of editing the expected values.
 */
class ConfigHashTest {
  private static final byte[] KEY = key(7);
  private static final String SECRET = "5ecre7".repeat(10) + "abcd";

  static ContainerResource backend() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("CONVEX_CLOUD_ORIGIN", Value.plain("http://127.0.0.1:3210"));
    env.put("CONVEX_SITE_ORIGIN", Value.plain("http://127.0.0.1:3211"));
    env.put("INSTANCE_NAME", Value.plain("app"));
    env.put("INSTANCE_SECRET", Value.secret(SECRET));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "backend"),
        "app-backend",
        "ghcr.io/get-convex/convex-backend:latest",
        env,
        List.of(new PortBinding("127.0.0.1", 3211, 3211), new PortBinding("127.0.0.1", 3210, 3210)),
        List.of(Mount.volume("app-data", "/convex/data")),
        "app-net",
        "backend",
        List.of(),
        "unless-stopped",
        "SIGINT",
        10,
        Readiness.http(3210, "/version", Duration.ofSeconds(60)),
        List.of(),
        null);
  }

  static ContainerResource dashboard() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("NEXT_PUBLIC_DEPLOYMENT_URL", Value.plain("http://127.0.0.1:3210"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "dashboard"),
        "app-dashboard",
        "ghcr.io/get-convex/convex-dashboard:latest",
        env,
        List.of(new PortBinding("127.0.0.1", 6791, 6791)),
        List.of(),
        "app-net",
        "dashboard",
        List.of(),
        "unless-stopped",
        null,
        10,
        null,
        List.of(),
        null);
  }

  static ContainerResource postgres() {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("POSTGRES_PASSWORD", Value.secret("hunter2"));
    env.put("POSTGRES_USER", Value.plain("convex"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "postgres"),
        "app-postgres",
        "postgres:17",
        env,
        List.of(),
        List.of(
            Mount.volume("app-pgdata", "/var/lib/postgresql/data"),
            Mount.bindReadOnly("/etc/ssl/ca.pem", "/ca.pem")),
        "app-net",
        "postgres",
        List.of("postgres", "-c", "max_connections=200"),
        "unless-stopped",
        "SIGINT",
        30,
        null,
        List.of(),
        null);
  }

  @Test
  void backendSerializationAndHashArePinned() {
    assertThat(CanonicalConfig.of(backend(), KEY, CanonicalConfig.V2))
        .isEqualTo(
            """
            provision-container-config v2
            name 11:app-backend
            image 40:ghcr.io/get-convex/convex-backend:latest
            env 19:CONVEX_CLOUD_ORIGIN plain:21:http://127.0.0.1:3210
            env 18:CONVEX_SITE_ORIGIN plain:21:http://127.0.0.1:3211
            env 13:INSTANCE_NAME plain:3:app
            env 15:INSTANCE_SECRET hmac:d47338343c7430d128e9d7c33403c0f64e83fbe790af610887d15df5ef13d37a
            port 3210 9:127.0.0.1 3210
            port 3211 9:127.0.0.1 3211
            mount 12:/convex/data volume 8:app-data rw
            network 7:app-net
            alias 7:backend
            command 0
            restart 14:unless-stopped
            stop-signal 6:SIGINT
            stop-timeout 10
            """);
    assertThat(ConfigHash.keyed(KEY).v2(backend()))
        .isEqualTo("v2:3e7912654122cc0ce76e09199837240b");
  }

  @Test
  void dashboardSerializationAndHashArePinned() {
    assertThat(CanonicalConfig.of(dashboard(), KEY, CanonicalConfig.V2))
        .isEqualTo(
            """
            provision-container-config v2
            name 13:app-dashboard
            image 42:ghcr.io/get-convex/convex-dashboard:latest
            env 26:NEXT_PUBLIC_DEPLOYMENT_URL plain:21:http://127.0.0.1:3210
            port 6791 9:127.0.0.1 6791
            network 7:app-net
            alias 9:dashboard
            command 0
            restart 14:unless-stopped
            stop-signal -
            stop-timeout 10
            """);
    assertThat(ConfigHash.keyed(KEY).v2(dashboard()))
        .isEqualTo("v2:c362bca527400e322ff0285d18f50f7a");
  }

  @Test
  void postgresSerializationAndHashArePinned() {
    assertThat(CanonicalConfig.of(postgres(), KEY, CanonicalConfig.V2))
        .isEqualTo(
            """
            provision-container-config v2
            name 12:app-postgres
            image 11:postgres:17
            env 17:POSTGRES_PASSWORD hmac:649246acc355f98dcccd62ebec3a69ce0969a9232e05cc0b36f6d5941c6b258a
            env 13:POSTGRES_USER plain:6:convex
            mount 7:/ca.pem bind 15:/etc/ssl/ca.pem ro
            mount 24:/var/lib/postgresql/data volume 10:app-pgdata rw
            network 7:app-net
            alias 8:postgres
            command 3 8:postgres 2:-c 19:max_connections=200
            restart 14:unless-stopped
            stop-signal 6:SIGINT
            stop-timeout 30
            """);
    assertThat(ConfigHash.keyed(KEY).v2(postgres()))
        .isEqualTo("v2:cef931521e4b9ded6e3daa4d5870322e");
  }

  static HealthCheck check() {
    return new HealthCheck(
        List.of("curl", "--fail", "http://localhost:3210/version"),
        Duration.ofSeconds(5),
        Duration.ofSeconds(4),
        Duration.ofSeconds(10),
        3);
  }

  @Test
  void v3AddsTheHealthCheckLine() {
    ContainerResource b = backend().withHealthCheck(check());
    assertThat(CanonicalConfig.of(b, KEY))
        .startsWith("provision-container-config v3\n")
        .endsWith(
            """
            stop-timeout 10
            health 3 4:curl 6:--fail 29:http://localhost:3210/version 5000 4000 10000 3
            """);
    assertThat(CanonicalConfig.of(dashboard(), KEY)).endsWith("stop-timeout 10\nhealth -\n");
    assertThat(ConfigHash.keyed(KEY).of(b)).isEqualTo("v3:9062b0acd150402a3c94b56fce59ffa6");
  }

  /**
   * A container made by a provision before health checks: its label is v2 and it runs without a
   * health check. It still matches, so it is not reported as changed by hand; a v3 label proves a
   * health check that was taken away or changed outside provision.
   */
  @Test
  void aV2LabelIgnoresTheHealthCheckAndAV3LabelCoversIt() {
    ConfigHash hashes = ConfigHash.keyed(KEY);
    ContainerResource old = backend();
    ContainerResource checked = backend().withHealthCheck(check());
    assertThat(hashes.matches(hashes.v2(old), old)).contains(true);
    assertThat(hashes.v2(checked)).isEqualTo(hashes.v2(old));
    assertThat(hashes.matches(hashes.of(checked), checked)).contains(true);
    assertThat(hashes.matches(hashes.of(checked), old)).contains(false);
    HealthCheck slower =
        new HealthCheck(
            check().command(), Duration.ofSeconds(30), Duration.ofSeconds(4), Duration.ZERO, 3);
    assertThat(hashes.matches(hashes.of(checked), backend().withHealthCheck(slower)))
        .contains(false);
  }

  @Test
  void noSecretValueAndNoPlainHashOfOneIsInTheSerialization() {
    String text = CanonicalConfig.of(postgres(), KEY) + CanonicalConfig.of(backend(), KEY);
    assertThat(text).doesNotContain("hunter2").doesNotContain(SECRET).doesNotContain("5ecre7");
    // the same secret under another key gives another hash: it cannot be guessed offline
    assertThat(ConfigHash.keyed(key(8)).of(postgres()))
        .isNotEqualTo(ConfigHash.keyed(KEY).of(postgres()));
  }

  @Test
  void theReadinessCheckAndTheOrderOfPortsDoNotMoveTheHash() {
    ContainerResource b = backend();
    ContainerResource reordered =
        new ContainerResource(
            b.address(),
            b.name(),
            b.image(),
            b.env(),
            List.of(b.ports().get(1), b.ports().get(0)),
            b.mounts(),
            b.network(),
            b.alias(),
            b.command(),
            b.restartPolicy(),
            b.stopSignal(),
            b.stopTimeoutSeconds(),
            null,
            List.of(),
            null);
    assertThat(ConfigHash.keyed(KEY).of(reordered)).isEqualTo(ConfigHash.keyed(KEY).of(b));
  }

  @Test
  void aLabelIsComparedWithItsOwnVersion() {
    ConfigHash hashes = ConfigHash.keyed(KEY);
    ContainerResource b = backend();
    assertThat(hashes.matches(hashes.of(b), b)).contains(true);
    assertThat(hashes.matches(hashes.of(dashboard()), b)).contains(false);
    // an older provision wrote an unprefixed v1 label
    assertThat(hashes.matches(ConfigHash.v1(b), b)).contains(true);
    assertThat(hashes.matches(ConfigHash.v1(dashboard()), b)).contains(false);
    // a v2 label cannot be judged without the key; an unknown version is not judged
    assertThat(ConfigHash.withoutKey().matches(hashes.of(b), b)).isEqualTo(Optional.empty());
    assertThat(hashes.matches("v9:abc", b)).isEqualTo(Optional.empty());
  }

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
