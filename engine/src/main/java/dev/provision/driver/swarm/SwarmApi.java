package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.docker.DockerConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few raw Swarm API calls the driver makes (services, tasks, nodes, networks, configs), over
 * the manager's {@link DockerConnection}: JSON in and out, with the engine's message in every
 * failure and secret values masked out of it.
 */
final class SwarmApi {
  static final ObjectMapper JSON = new ObjectMapper();

  private final DockerConnection connection;

  SwarmApi(DockerConnection connection) {
    this.connection = connection;
  }

  DockerConnection connection() {
    return connection;
  }

  String endpoint() {
    return connection.endpoint().toString();
  }

  /** The {@code filters} query parameter for {@code key=value}, URL-encoded. */
  static String filter(String key, String value) {
    ObjectNode filters = JSON.createObjectNode();
    filters.putArray(key).add(value);
    return "filters=" + URLEncoder.encode(filters.toString(), StandardCharsets.UTF_8);
  }

  static String encode(String pathPart) {
    return URLEncoder.encode(pathPart, StandardCharsets.UTF_8);
  }

  /** GET as JSON; empty on 404. */
  Optional<JsonNode> get(String path) {
    DockerConnection.Answer answer = connection.exchange("GET", path, null);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    check("GET " + path, answer, List.of());
    return Optional.ofNullable(answer.body());
  }

  /** GET of a list (an empty list on 404 or a null answer). */
  List<JsonNode> list(String path) {
    List<JsonNode> out = new ArrayList<>();
    get(path).filter(JsonNode::isArray).ifPresent(a -> a.forEach(out::add));
    return out;
  }

  /** Any call, answered whatever its status (the caller tells a 404 or a 409 itself). */
  DockerConnection.Answer exchange(String method, String path, JsonNode body) {
    return connection.exchange(method, path, body);
  }

  /** A call that must succeed; {@code what} names it and {@code secrets} are masked. */
  JsonNode send(String what, String method, String path, JsonNode body, List<String> secrets) {
    DockerConnection.Answer answer = connection.exchange(method, path, body);
    check(what, answer, secrets);
    return answer.body();
  }

  void check(String what, DockerConnection.Answer answer, List<String> secrets) {
    if (answer.ok()) {
      return;
    }
    String message = answer.message();
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        message = message.replace(secret, "***");
      }
    }
    throw ProvisionException.of(
        what
            + " failed on the Swarm manager "
            + endpoint()
            + " ("
            + answer.status()
            + "): "
            + message,
        answer.status() == 503
            ? "the engine is not a swarm manager, or the swarm has no quorum: check docker node ls"
            : "see docker service ls / docker service ps on the manager");
  }

  /** The manager's {@code /info}. */
  JsonNode info() {
    return get("/info").orElseThrow();
  }

  static Map<String, String> labels(JsonNode labels) {
    Map<String, String> out = new java.util.TreeMap<>();
    labels.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static ObjectNode labelsNode(Map<String, String> labels) {
    ObjectNode node = JSON.createObjectNode();
    labels.forEach(node::put);
    return node;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}
