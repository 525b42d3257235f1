package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContainerLabelsTest {

  static ContainerResource spec(List<String> command) {
    TreeMap<String, Value> env = new TreeMap<>();
    env.put("RUST_LOG", Value.plain("info"));
    env.put("INSTANCE_SECRET", Value.secret("abc123"));
    env.put("DATABASE_URL", Value.secret("postgres://u:p@db/x"));
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, "backend"),
        "prod-backend",
        "img:1",
        env,
        List.of(),
        List.of(),
        null,
        null,
        command,
        "unless-stopped",
        "SIGINT",
        10,
        null,
        List.of(),
        null);
  }

  @Test
  void containerLabelsNameKeysButNeverValues() {
    Map<String, String> labels =
        ContainerLabels.forContainer("prod", spec(List.of("serve")), "sha256:abc");

    assertThat(labels)
        .containsExactly(
            Map.entry("dev.provision.address", "container.backend"),
            Map.entry("dev.provision.command-set", "true"),
            Map.entry("dev.provision.config-hash", "sha256:abc"),
            Map.entry("dev.provision.deployment", "prod"),
            Map.entry("dev.provision.env-keys", "DATABASE_URL,INSTANCE_SECRET,RUST_LOG"),
            Map.entry("dev.provision.name", "prod-backend"),
            Map.entry("dev.provision.sensitive-keys", "DATABASE_URL,INSTANCE_SECRET"));
    assertThat(labels.values()).noneMatch(v -> v.contains("abc123") || v.contains("u:p"));
  }

  @Test
  void noCommandLabelWithoutACommand() {
    assertThat(ContainerLabels.forContainer("prod", spec(List.of()), "h"))
        .doesNotContainKey("dev.provision.command-set");
  }

  @Test
  void envListIsInKeyOrder() {
    assertThat(ContainerLabels.envList(spec(List.of()).env()))
        .containsExactly(
            "DATABASE_URL=postgres://u:p@db/x", "INSTANCE_SECRET=abc123", "RUST_LOG=info");
  }

  @Test
  void envReadBackKeepsOnlyLabelledKeysAndMarksSecrets() {
    Map<String, String> labels =
        Map.of("dev.provision.env-keys", "A,B,EMPTY", "dev.provision.sensitive-keys", "B");

    assertThat(ContainerLabels.envFrom(List.of("PATH=/bin", "A=1=2", "B=s", "EMPTY="), labels))
        .containsExactly(
            Map.entry("A", Value.plain("1=2")),
            Map.entry("B", Value.secret("s")),
            Map.entry("EMPTY", Value.plain("")));
    assertThat(ContainerLabels.envFrom(List.of("PATH=/bin"), Map.of())).isEmpty();
  }
}
