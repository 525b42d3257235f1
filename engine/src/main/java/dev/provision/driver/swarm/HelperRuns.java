package dev.provision.driver.swarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.provision.driver.HelperRun;
import dev.provision.driver.Labels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns a {@link HelperRun} that mounts volumes of the data node into a helper service pinned
 * there. Pure. It is placed by the deployment's node label (the one the volumes' services use,
 * {@link SwarmLabels#constraint}) when a volume names its deployment, else on the data node by id;
 * a volume Swarm has to create on the node gets the labels it is known by.
 */
final class HelperRuns {
  private HelperRuns() {}

  /**
   * @param labels a volume's labels by name (empty when it is not known)
   */
  static HelperSpecs spec(
      HelperRun run, String dataNodeId, Function<String, Optional<Map<String, String>>> labels) {
    ArrayNode mounts = SwarmApi.JSON.createArrayNode();
    String constraint = "node.id==" + dataNodeId;
    for (Map.Entry<String, String> v : new TreeMap<>(run.volumes()).entrySet()) {
      var mount =
          mounts
              .addObject()
              .put("Type", "volume")
              .put("Source", v.getKey())
              .put("Target", v.getValue());
      Map<String, String> own = labels.apply(v.getKey()).orElse(Map.of());
      if (!own.isEmpty()) {
        mount.putObject("VolumeOptions").set("Labels", SwarmApi.labelsNode(new TreeMap<>(own)));
      }
      if (own.containsKey(Labels.DEPLOYMENT)) {
        constraint = SwarmLabels.constraint(own.get(Labels.DEPLOYMENT));
      }
    }
    return new HelperSpecs(
        run.name(),
        run.image(),
        run.command(),
        run.env(),
        mounts,
        run.network(),
        List.of(constraint),
        List.of());
  }
}
