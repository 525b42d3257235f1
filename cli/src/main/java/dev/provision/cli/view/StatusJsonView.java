package dev.provision.cli.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.lock.LockNote;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.plan.Action;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * {@code provision status --json}: the same facts as the text, for scripts and monitors. Each
 * resource has its address; a container also its {@code state} ({@code running}, {@code stopped}),
 * {@code exitCode}, {@code health} (Docker's {@code starting}, {@code healthy}, {@code unhealthy},
 * or null when it has no health check) and image, and on a Swarm the {@code node} its task runs on.
 * Then where each secret came from (never a value), drift, the lock, what blocks apply ({@code
 * blocked}: the message and hint of {@link Plan#blocker()}, such as a Swarm data node that is down;
 * null when apply may go ahead) and what is pending.
 */
public final class StatusJsonView {
  private StatusJsonView() {}

  /** The JSON text (format 1), with a final newline. */
  public static String render(
      String deployment,
      String target,
      Collection<ObservedResource> resources,
      Map<String, String> secretSources,
      Plan plan,
      Optional<LockNote> lock) {
    ObjectNode root = JsonText.mapper().createObjectNode();
    root.put("format", 1);
    root.put("deployment", deployment);
    root.put("target", target);
    ArrayNode list = root.putArray("resources");
    for (ObservedResource r : resources) {
      Address.Kind kind = r.resource().address().kind();
      if (kind == Address.Kind.ENV || kind == Address.Kind.SECRET) {
        continue;
      }
      ObjectNode node = list.addObject();
      node.put("address", r.resource().address().toString());
      if (r.resource() instanceof ContainerResource c) {
        RuntimeStatus s = r.status();
        node.put("state", s == null ? "unknown" : s.running() ? "running" : "stopped");
        if (s == null || s.exitCode() == null) {
          node.putNull("exitCode");
        } else {
          node.put("exitCode", s.exitCode());
        }
        node.put("health", s == null ? null : s.health());
        node.put("image", c.image());
        if (s != null && s.node().isPresent()) {
          node.put("node", s.node().get());
        }
      }
    }
    ObjectNode secrets = root.putObject("secrets");
    secretSources.forEach(secrets::put);
    ArrayNode drift = root.putArray("drift");
    for (Drift d : plan.drift()) {
      drift.addObject().put("address", d.address().toString()).put("note", d.note());
    }
    if (lock.isPresent()) {
      root.put("lock", lock.get().message());
    } else {
      root.putNull("lock");
    }
    if (plan.blocker().isPresent()) {
      root.putObject("blocked")
          .put("message", plan.blocker().get().message())
          .put("hint", plan.blocker().get().hint());
    } else {
      root.putNull("blocked");
    }
    ObjectNode pending = root.putObject("pending");
    pending.put("changes", plan.changes().stream().filter(c -> c.action() != Action.NO_OP).count());
    if (plan.isEmpty()) {
      pending.putNull("highestRisk");
    } else {
      pending.put("highestRisk", plan.highestRisk().word());
    }
    return JsonText.write(root);
  }
}
