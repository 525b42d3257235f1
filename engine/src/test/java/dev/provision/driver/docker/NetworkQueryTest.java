package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The filtered network lists an observation asks for, instead of every network on the host. */
class NetworkQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode inspect(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static List<String> decoded(NetworkQuery query) {
    return query.paths().stream().map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void asksForTheIdsOfJoinedNetworksAndTheNamesOfTheRest() throws Exception {
    JsonNode running =
        inspect(
            "{\"HostConfig\":{\"NetworkMode\":\"app-net\"},"
                + "\"NetworkSettings\":{\"Networks\":{\"app-net\":{\"NetworkID\":\"abc123\"}}}}");
    JsonNode created =
        inspect(
            "{\"HostConfig\":{\"NetworkMode\":\"default\"},"
                + "\"NetworkSettings\":{\"Networks\":{\"db.net\":{\"NetworkID\":\"\"}}}}");

    NetworkQuery query = NetworkQuery.of(List.of(running, created));

    assertThat(query.ids()).containsExactly("abc123");
    assertThat(query.names()).containsExactly("app-net", "db.net");
    assertThat(decoded(query))
        .containsExactly(
            "/networks?filters={\"id\":[\"abc123\"]}",
            "/networks?filters={\"name\":[\"app-net\",\"db\\\\.net\"]}");
  }

  @Test
  void asksOnlyForNetworksNotAlreadyKnown() throws Exception {
    JsonNode running =
        inspect(
            "{\"HostConfig\":{\"NetworkMode\":\"app-net\"},"
                + "\"NetworkSettings\":{\"Networks\":{\"app-net\":{\"NetworkID\":\"abc123\"},"
                + "\"db-net\":{\"NetworkID\":\"def456\"},\"new-net\":{\"NetworkID\":\"\"}}}}");
    NetworkQuery query = NetworkQuery.of(List.of(running));

    assertThat(query.without(java.util.Set.of("abc123", "app-net", "new-net")))
        .isEqualTo(new NetworkQuery(java.util.Set.of("def456"), java.util.Set.of()));
    assertThat(
            query
                .without(java.util.Set.of("abc123", "app-net", "def456", "db-net", "new-net"))
                .paths())
        .isEmpty();
  }

  @Test
  void asksNothingWhenNoContainerNamesANetwork() throws Exception {
    JsonNode bare = inspect("{\"HostConfig\":{},\"NetworkSettings\":{}}");
    assertThat(NetworkQuery.of(List.of(bare)).paths()).isEmpty();
    assertThat(NetworkQuery.of(List.of()).paths()).isEmpty();
  }

  @Test
  void aQuotedNameMatchesItselfAndNothingElse() {
    for (String name : List.of("a.b", "n(1)+x", "w[e]i{r}d^$|?*\\")) {
      Pattern quoted = Pattern.compile(NetworkQuery.quote(name));
      assertThat(quoted.matcher(name).matches()).as(name).isTrue();
      assertThat(quoted.matcher(name.replace('.', 'X')).find())
          .as(name)
          .isEqualTo(!name.contains("."));
    }
  }
}
