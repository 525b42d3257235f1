package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure value rules behind the broken fixtures named check-*: image references, Docker and SSH
 * hosts, ports inside URLs, and when two paths are the same file.
 */
class ValueChecksTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgres:17",
        "x",
        "ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567",
        "localhost:5000/team/convex-backend:v1.2_3",
        "[::1]:5000/app:1",
        "registry.example.com/convex/backend@sha256:"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "provision-test/convex-backend:test"
      })
  void acceptsImageReferencesDockerAccepts(String image) {
    assertThat(ImageRef.problem(image)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|EMPTY",
        "'   '|EMPTY",
        "'convex backend:1'|SPACES",
        "'postgres:17\n'|SPACES",
        "Postgres:17|UPPER_CASE",
        "ghcr.io/get-convex/convex-backend:|TAG",
        "'repo:-bad'|TAG",
        "repo@sha256:xyz|DIGEST",
        "//repo|INVALID",
        "repo/|INVALID"
      })
  void refusesBrokenImageReferences(String image, ImageRef.Problem expected) {
    assertThat(ImageRef.problem(image)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unix:///var/run/docker.sock|",
        "tcp://10.0.0.5:2376|",
        "tcp://docker.example.com|",
        "tcp://[::1]:2375|",
        "tcp://|has no host",
        "tcp://:2375|has no host",
        "unix://|has no socket path",
        "unix://var/run/docker.sock|has a relative socket path",
        "tcp://h:notaport|has a port that is not a number",
        "tcp://h:|has a port that is not a number",
        "tcp://h:99999|has a port out of range (1 to 65535)",
        "tcp://h:0|has a port out of range (1 to 65535)",
        "tcp://h:123456789012|has a port out of range (1 to 65535)",
        "'tcp://h :1'|contains spaces or control characters"
      })
  void checksDockerHosts(String url, String words) {
    Refusal refusal = HostRules.dockerHost(url);
    assertThat(refusal == null ? null : refusal.words()).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "deploy.example.com|",
        "10.0.0.5|",
        "my_alias|",
        "::1|",
        "-oProxyCommand=x|starts with `-`",
        "'a\nb'|contains spaces or control characters",
        "root@host|contains a user name",
        "host/path|is not a host name or IP address"
      })
  void checksSshHosts(String host, String words) {
    Refusal refusal = HostRules.sshHost(host);
    assertThat(refusal == null ? null : refusal.words()).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "deploy|",
        "www-data|",
        "''|is empty",
        "-l|is not a user name",
        "'a b'|is not a user name"
      })
  void checksSshUsers(String user, String words) {
    Refusal refusal = HostRules.sshUser(user);
    assertThat(refusal == null ? null : refusal.words()).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://api.example.com|",
        "https://api.example.com:443|",
        "https://api.example.com:99999|has a port out of range (1 to 65535)",
        "https://api.example.com:0|has a port out of range (1 to 65535)",
        "https://api.example.com:x1|has a port that is not a number",
        "https://api.example.com:99999999999|has a port out of range (1 to 65535)"
      })
  void checksPortsInOrigins(String url, String problem) {
    assertThat(Urls.originProblem(url)).isEqualTo(problem);
  }

  @Test
  void providerIdsLeaveRoomForTheLongestEnvName() {
    assertThat("AUTH_" + "p".repeat(AuthSection.MAX_ID) + "_SECRET").hasSize(EnvSection.MAX_NAME);
  }

  @Test
  void samePathsFollowLinksAndNormalize(@TempDir Path dir) throws IOException {
    Path spec = Files.writeString(dir.resolve("spec.yaml"), "version: 1\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), spec);
    assertThat(SpecFiles.same(link, spec)).isTrue();
    assertThat(SpecFiles.same(dir.resolve("sub/../spec.yaml"), spec)).isTrue();
    assertThat(SpecFiles.same(dir.resolve("missing.json"), dir.resolve("./missing.json"))).isTrue();
    assertThat(SpecFiles.same(dir.resolve("missing.json"), spec)).isFalse();
  }
}
