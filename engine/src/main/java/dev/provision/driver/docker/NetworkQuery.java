package dev.provision.driver.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The networks some containers name (the ids their endpoints are on, the names of endpoints without
 * an id yet, their network modes), as the filtered {@code GET /networks} calls that list them. The
 * engine matches a filter value as a regular expression anywhere in the id or name, so each value
 * is quoted (a {@code .} matches only a dot) and an answer may hold more networks than were named:
 * the caller compares ids and names exactly.
 */
record NetworkQuery(Set<String> ids, Set<String> names) {

  /** The networks named by these container inspects. */
  static NetworkQuery of(List<JsonNode> containers) {
    Set<String> ids = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    for (JsonNode c : containers) {
      c.path("NetworkSettings")
          .path("Networks")
          .properties()
          .forEach(
              e -> {
                String id = e.getValue().path("NetworkID").asText("");
                if (id.isEmpty()) {
                  names.add(e.getKey());
                } else {
                  ids.add(id);
                }
              });
      String mode = c.path("HostConfig").path("NetworkMode").asText("");
      if (!mode.isEmpty() && !mode.equals("default")) {
        names.add(mode);
      }
    }
    return new NetworkQuery(ids, names);
  }

  /** This query less the networks in {@code known} (ids and names already known to exist). */
  NetworkQuery without(Set<String> known) {
    Set<String> leftIds = new TreeSet<>(ids);
    leftIds.removeAll(known);
    Set<String> leftNames = new TreeSet<>(names);
    leftNames.removeAll(known);
    return new NetworkQuery(leftIds, leftNames);
  }

  /** The list calls: one for the ids, one for the names, none for a kind nothing names. */
  List<String> paths() {
    List<String> paths = new ArrayList<>();
    if (!ids.isEmpty()) {
      paths.add("/networks?filters=" + filter("id", ids));
    }
    if (!names.isEmpty()) {
      paths.add("/networks?filters=" + filter("name", names));
    }
    return paths;
  }

  private static String filter(String kind, Set<String> values) {
    String json =
        values.stream()
            .map(v -> TextNode.valueOf(quote(v)).toString())
            .collect(Collectors.joining(",", "{\"" + kind + "\":[", "]}"));
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  /** {@code text} as a regular expression that matches exactly that text. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (char ch : text.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(ch) >= 0) {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }
}
