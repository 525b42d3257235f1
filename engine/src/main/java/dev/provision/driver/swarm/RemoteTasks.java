package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.postgres.PostgresImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Commands and files of a service whose task runs on a node the manager's engine is not (a worker),
 * through helper services ({@link HelperServices}) beside it: a sibling of the service (its image,
 * environment, mounts, network and placement, so on its node with its volumes) runs the command
 * once. Files go out as base64 text through the service log, and in as Swarm configs.
 *
 * <p>What differs from {@code docker exec}: the sibling is another container, so it shares the
 * service's volumes and network but not its processes, loopback or paths outside the volumes. For a
 * Postgres service (one with {@code POSTGRES_PASSWORD}) the Postgres tools reach the server over
 * the network instead of its socket: {@code PGHOST} is the service's alias, {@code PGPASSWORD} its
 * password (environment only, never an argument), and {@code -h 127.0.0.1} becomes the alias. The
 * siblings of a pinned service share a scratch volume on its node as {@code /tmp} ({@link
 * #SCRATCH}), so a file one command writes there (a dump) is there for the next (a copy out), as in
 * the task's own {@code /tmp}; the callers remove what they put there, and the empty volume stays
 * on the node (only that node's engine can delete a volume).
 */
final class RemoteTasks {
  static final String LOOPBACK = "127.0.0.1";

  /** The suffix of the node-local volume the siblings of a Postgres service share as /tmp. */
  static final String SCRATCH = "-scratch";

  static final String INPUT_DIR = "/run/provision-input";

  private final HelperServices helpers;

  RemoteTasks(HelperServices helpers) {
    this.helpers = helpers;
  }

  ExecResult exec(JsonNode service, List<String> command, Map<String, String> env) {
    Map<String, String> all = env(service);
    List<String> args = command;
    String password = all.get(PostgresImage.PASSWORD_ENV);
    if (password != null) {
      String host = alias(service);
      all.put("PGHOST", host);
      all.put("PGPASSWORD", password);
      args = command.stream().map(a -> a.equals(LOOPBACK) ? host : a).toList();
    }
    all.putAll(env);
    HelperServices.Outcome done = helpers.run(sibling(service, "x", args, all), null, null);
    return new ExecResult(
        done.exitCode(),
        new String(done.stdout(), StandardCharsets.UTF_8),
        new String(done.stderr(), StandardCharsets.UTF_8));
  }

  /** The file's bytes, empty when it is not a file. */
  Optional<byte[]> readFile(JsonNode service, String path) {
    HelperServices.Outcome done =
        files(service, "test -f \"$1\" || exit 3; base64 \"$1\"", path, null, null);
    if (done.exitCode() == 3) {
      return Optional.empty();
    }
    return Optional.of(decode(service, done, "read " + path));
  }

  void copyOut(JsonNode service, String path, OutputStream out) {
    HelperServices.Outcome done =
        files(
            service,
            "f=/tmp/$(hostname).tar; cd \"$(dirname \"$1\")\" && tar -cf \"$f\""
                + " \"$(basename \"$1\")\" && base64 \"$f\"; c=$?; rm -f \"$f\"; exit $c",
            path,
            null,
            HelperServices.COPY_OUT_POINT);
    try {
      out.write(decode(service, done, "copy " + path + " from"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void copyIn(JsonNode service, String path, InputStream tar) {
    byte[] bytes;
    try {
      bytes = tar.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    HelperServices.Outcome done =
        files(
            service,
            "mkdir -p \"$1\" && cat " + INPUT_DIR + "/* | tar -xf - -C \"$1\"",
            path,
            bytes,
            null);
    if (done.exitCode() != 0) {
      throw failed(service, "copy files into " + path + " of", done);
    }
  }

  private HelperServices.Outcome files(
      JsonNode service, String script, String path, byte[] in, String point) {
    List<String> command = List.of("sh", "-c", script, "sh", path);
    return helpers.run(sibling(service, "f", command, Map.of()), in, INPUT_DIR, point);
  }

  private static byte[] decode(JsonNode service, HelperServices.Outcome done, String doing) {
    if (done.exitCode() != 0) {
      throw failed(service, doing, done);
    }
    return Base64.getMimeDecoder().decode(done.stdout());
  }

  private static ProvisionException failed(
      JsonNode service, String doing, HelperServices.Outcome done) {
    String err = new String(done.stderr(), StandardCharsets.UTF_8).strip();
    return ProvisionException.of(
        "cannot "
            + doing
            + " service "
            + ServiceDecoder.name(service)
            + " on its node (exit "
            + done.exitCode()
            + (err.isEmpty() ? "" : ": " + err)
            + ")",
        "check the service's volumes on its node (docker service ps "
            + ServiceDecoder.name(service)
            + ")");
  }

  /** A helper that stands beside {@code service}: its image, mounts, network and placement. */
  static HelperSpecs sibling(
      JsonNode service, String role, List<String> command, Map<String, String> env) {
    JsonNode task = service.path("Spec").path("TaskTemplate");
    JsonNode network = task.path("Networks").path(0).path("Target");
    List<String> constraints = new ArrayList<>();
    task.path("Placement").path("Constraints").forEach(c -> constraints.add(c.asText()));
    ArrayNode mounts = ServiceDecoder.containerSpec(service).path("Mounts").deepCopy();
    String swarmName = service.path("Spec").path("Name").asText();
    if (!constraints.isEmpty() && env(service).containsKey(PostgresImage.PASSWORD_ENV)) {
      mounts
          .addObject()
          .put("Type", "volume")
          .put("Source", swarmName + SCRATCH)
          .put("Target", "/tmp")
          .putObject("VolumeOptions")
          .set("Labels", SwarmApi.labelsNode(Map.of(SwarmLabels.HELPER, swarmName + SCRATCH)));
    }
    return new HelperSpecs(
        ServiceDecoder.name(service) + "-" + role + suffix(),
        ServiceDecoder.image(service),
        command,
        env,
        mounts,
        network.isMissingNode() ? null : network.asText(),
        constraints,
        List.of());
  }

  /** The service's environment, as its spec sets it. */
  static Map<String, String> env(JsonNode service) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode e : ServiceDecoder.containerSpec(service).path("Env")) {
      String kv = e.asText();
      int eq = kv.indexOf('=');
      if (eq > 0) {
        out.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return out;
  }

  /** The name the service answers to on its network: its first alias, else its Swarm name. */
  static String alias(JsonNode service) {
    JsonNode aliases = service.path("Spec").path("TaskTemplate").path("Networks").path(0);
    String first = aliases.path("Aliases").path(0).asText("");
    return first.isEmpty() ? ServiceDecoder.name(service) : first;
  }

  private static String suffix() {
    return String.format(
        "-%06x", java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
