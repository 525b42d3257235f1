package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEndpointTest {
  private static final String HOME = "/home/op";

  @Test
  void defaultsToTheLocalSocket() {
    DockerEndpoint e = DockerEndpoint.resolve(Target.Docker.local(), Map.of(), HOME);

    assertThat(e).isEqualTo(new DockerEndpoint(URI.create("unix:///var/run/docker.sock"), null));
    assertThat(e.local()).isTrue();
    assertThat(e.tls()).isFalse();
  }

  @Test
  void dockerHostFromTheEnvironmentComesNext() {
    DockerEndpoint e =
        DockerEndpoint.resolve(
            Target.Docker.local(), Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), HOME);

    assertThat(e.host()).isEqualTo(URI.create("tcp://10.0.0.5:2375"));
    assertThat(e.local()).isFalse();
    assertThat(e.tls()).isFalse();
  }

  @Test
  void theSpecHostWinsOverTheEnvironment() {
    DockerEndpoint e =
        DockerEndpoint.resolve(
            new Target.Docker("unix:///run/user/1000/docker.sock", null, false),
            Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"),
            HOME);

    assertThat(e.host()).isEqualTo(URI.create("unix:///run/user/1000/docker.sock"));
  }

  @Test
  void tlsVerifyFromTheEnvironmentUsesTheCertPathOrHome() {
    Map<String, String> env = Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1");

    assertThat(DockerEndpoint.resolve(Target.Docker.local(), env, HOME).certPath())
        .isEqualTo("/home/op/.docker");
    Map<String, String> withPath =
        Map.of(
            "DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs");
    assertThat(DockerEndpoint.resolve(Target.Docker.local(), withPath, HOME).certPath())
        .isEqualTo("/certs");
  }

  @Test
  void tlsVerifyZeroOrFalseMeansOff() {
    for (String off : new String[] {"0", "false", ""}) {
      Map<String, String> env = Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", off);
      assertThat(DockerEndpoint.resolve(Target.Docker.local(), env, HOME).tls()).isFalse();
    }
  }

  @Test
  void specCertPathTurnsTlsOnAndWins() {
    DockerEndpoint e =
        DockerEndpoint.resolve(
            new Target.Docker("tcp://h:2376", "/etc/provision/certs", false),
            Map.of("DOCKER_CERT_PATH", "/certs"),
            HOME);

    assertThat(e.certPath()).isEqualTo("/etc/provision/certs");
    assertThat(e).hasToString("tcp://h:2376 (TLS)");
  }

  @Test
  void tlsNeverAppliesToAUnixSocket() {
    DockerEndpoint e =
        DockerEndpoint.resolve(Target.Docker.local(), Map.of("DOCKER_TLS_VERIFY", "1"), HOME);

    assertThat(e.tls()).isFalse();
  }

  @Test
  void unsupportedHostsAreRefusedWithAHint() {
    for (String bad :
        new String[] {"ssh://me@host", "tcp://nohostport", "docker.example.com", "unix://"}) {
      assertThatThrownBy(
              () -> DockerEndpoint.resolve(new Target.Docker(bad, null, false), Map.of(), HOME))
          .isInstanceOf(ProvisionException.class)
          .hasMessage(
              "error: cannot use Docker host '"
                  + bad
                  + "'\n"
                  + "  hint: write unix:///path/to/docker.sock or tcp://HOST:PORT (ssh:// hosts are"
                  + " a target.ssh target, not target.docker)");
    }
  }
}
