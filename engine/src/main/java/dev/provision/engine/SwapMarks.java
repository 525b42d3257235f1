package dev.provision.engine;

import dev.provision.driver.ContainerState;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.live.HalfDoneSwap;
import dev.provision.live.Interruptions;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ApplyId;
import dev.provision.model.ContainerResource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the labels that tell an interrupted apply's containers apart (its apply id; on a
 * replacement, how the replaced container was), for the containers of half-done swaps only: no call
 * is made when no {@code NAME-next} or {@code NAME-prev} exists.
 */
final class SwapMarks {
  private SwapMarks() {}

  static Map<String, Interruptions.Marks> read(HostDriver host, ObservedState live) {
    Map<String, Interruptions.Marks> out = new TreeMap<>();
    for (ObservedResource r : live.resources().values()) {
      if (!(r.resource() instanceof ContainerResource c) || !inSwap(c.address(), live)) {
        continue;
      }
      host.inspectContainer(c.name())
          .map(ContainerState::labels)
          .map(SwapMarks::marks)
          .ifPresent(m -> out.put(c.name(), m));
    }
    return out;
  }

  private static boolean inSwap(Address a, ObservedState live) {
    String n = a.name();
    String base =
        n.endsWith(HalfDoneSwap.NEXT) || n.endsWith(HalfDoneSwap.PREV)
            ? n.substring(0, n.length() - 5)
            : n;
    return live.resources()
            .containsKey(Address.of(Address.Kind.CONTAINER, base + HalfDoneSwap.NEXT))
        || live.resources()
            .containsKey(Address.of(Address.Kind.CONTAINER, base + HalfDoneSwap.PREV));
  }

  static Interruptions.Marks marks(Map<String, String> labels) {
    String running = labels.get(Labels.REPLACES_RUNNING);
    String policy = labels.get(Labels.REPLACES_RESTART_POLICY);
    Optional<HalfDoneSwap.PutBack> putBack =
        running == null || policy == null || policy.isBlank()
            ? Optional.empty()
            : Optional.of(new HalfDoneSwap.PutBack(Boolean.parseBoolean(running), policy));
    return new Interruptions.Marks(ApplyId.parse(labels.get(Labels.APPLY_ID)), putBack);
  }
}
