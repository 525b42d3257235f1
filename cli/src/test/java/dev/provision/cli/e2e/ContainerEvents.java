package dev.provision.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The container events of one deployment between two instants ({@code docker events --since
 * --until}), and the check that matters for a stateful container: replaying {@code start} and
 * {@code die} in order, a container of an address never starts while another of the same address
 * still runs.
 */
final class ContainerEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: container id, its name at the time, action, address label, time in nanoseconds. */
  record Event(String id, String name, String action, String address, long timeNano) {}

  private final List<Event> events;

  private ContainerEvents(List<Event> events) {
    this.events = events;
  }

  static ContainerEvents read(String deployment, Instant since, Instant until) {
    return read(null, deployment, since, until);
  }

  /** As {@link #read(String, Instant, Instant)}, from the engine at {@code host} (a Swarm node). */
  static ContainerEvents read(String host, String deployment, Instant since, Instant until) {
    String out =
        DockerCli.runAt(
            host,
            "events",
            "--since",
            stamp(since),
            "--until",
            stamp(until),
            "--filter",
            "type=container",
            "--filter",
            "label=dev.provision.deployment=" + deployment,
            "--format",
            "{{json .}}");
    List<Event> events = new ArrayList<>();
    for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
      try {
        JsonNode e = JSON.readTree(line);
        JsonNode attributes = e.path("Actor").path("Attributes");
        events.add(
            new Event(
                e.path("Actor").path("ID").asText(),
                attributes.path("name").asText(),
                e.path("Action").asText(),
                attributes.path("dev.provision.address").asText(),
                e.path("timeNano").asLong()));
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    events.sort(Comparator.comparingLong(Event::timeNano));
    return new ContainerEvents(events);
  }

  private static String stamp(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  /** The events of one address, in order, as {@code action name} lines (for messages). */
  List<String> of(String address) {
    return events.stream()
        .filter(e -> e.address().equals(address))
        .map(e -> e.action() + " " + e.name())
        .toList();
  }

  /**
   * Replays the address's start and die events from the containers running at the start; returns
   * every moment a container started while another one still ran (empty: one writer at a time).
   */
  List<String> overlaps(String address, List<String> runningAtStart) {
    Set<String> running = new LinkedHashSet<>(runningAtStart);
    List<String> overlaps = new ArrayList<>();
    for (Event e : events) {
      if (!e.address().equals(address)) {
        continue;
      }
      switch (e.action()) {
        case "start" -> {
          if (!running.isEmpty()) {
            overlaps.add(e.name() + " started while " + running + " still ran");
          }
          running.add(e.id());
        }
        case "die" -> running.remove(e.id());
        default -> {}
      }
    }
    return overlaps;
  }

  /** How many containers of the address started. */
  long starts(String address) {
    return events.stream()
        .filter(e -> e.address().equals(address) && e.action().equals("start"))
        .count();
  }
}
