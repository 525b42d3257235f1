package dev.provision.live;

import dev.provision.model.Address;
import java.util.List;
import java.util.Optional;

/**
 * One container whose replace an interrupted apply left half-done, as found on the target: the
 * container being replaced (under {@code NAME-prev}, or still under {@code NAME}) and the ones the
 * interrupted apply made for it ({@code NAME-next}, or {@code NAME} itself once {@code NAME-prev}
 * exists).
 *
 * @param address the container's address in the spec, e.g. {@code container.backend}
 * @param name the container's name in the spec, e.g. {@code demo-backend}
 * @param old the container being replaced, empty when it is gone
 * @param made what the interrupted apply created for this name, newest role first: the one holding
 *     {@code NAME} (if any), then {@code NAME-next}
 * @param putBack how the old container was before the apply touched it (from the labels of the one
 *     it made), empty when they do not say (made by an older version)
 */
public record HalfDoneSwap(
    Address address,
    String name,
    Optional<ObservedResource> old,
    List<ObservedResource> made,
    Optional<PutBack> putBack) {

  public HalfDoneSwap {
    made = List.copyOf(made);
  }

  /** How the replaced container was: running or not, and its restart policy. */
  public record PutBack(boolean running, String restartPolicy) {}

  /** The name a container of this swap has on the target. */
  public static String nameOf(ObservedResource r) {
    return ((dev.provision.model.ContainerResource) r.resource()).name();
  }

  /** True when the old container was already renamed {@code NAME-prev}. */
  public boolean oldPutAside() {
    return old.map(o -> nameOf(o).equals(name + PREV)).orElse(false);
  }

  public static final String NEXT = "-next";
  public static final String PREV = "-prev";
}
