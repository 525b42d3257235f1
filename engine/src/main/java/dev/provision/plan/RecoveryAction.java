package dev.provision.plan;

import dev.provision.model.Address;
import java.util.List;
import java.util.Optional;

/**
 * What apply does, before anything else, about one container whose replace an interrupted apply
 * left half-done. Names only, never a container's configuration (a plan holds no secret).
 *
 * @param direction put the old container back, or (a backend image upgrade) keep the new one
 * @param remove containers to stop and remove first (the interrupted apply's replacements)
 * @param setAside the old container still under {@code NAME}, to stop and rename {@code NAME-prev}
 *     (finishing a replace only)
 * @param rename the container to give the name {@code NAME} ({@code NAME-prev} to put the old one
 *     back, {@code NAME-next} to finish)
 * @param restartPolicy set on {@code NAME} at the end, empty when no container ends up as {@code
 *     NAME}
 * @param start start {@code NAME} (if stopped) and wait until it is ready
 * @param startsAs the observed address of the container that ends up as {@code NAME}
 * @param step the planned step that carries it out (journaled as any other)
 */
public record RecoveryAction(
    Address address,
    String name,
    Direction direction,
    List<String> remove,
    Optional<String> setAside,
    Optional<String> rename,
    Optional<String> restartPolicy,
    boolean start,
    Optional<Address> startsAs,
    PlannedStep step) {

  public RecoveryAction {
    remove = List.copyOf(remove);
  }

  /** Which way a half-done replace is resolved. */
  public enum Direction {
    /** The old container is put back exactly as it was; the replacement is removed. */
    PUT_BACK,
    /**
     * The replacement is kept and the replace finished: a backend image upgrade is never rolled
     * back automatically (the new image may already have migrated the data).
     */
    FINISH
  }

  /** One line for the plan: what is done, in order. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (direction == Direction.PUT_BACK) {
      out.append("put back the old ").append(name).append(" (");
    } else {
      out.append("keep the new ")
          .append(name)
          .append(
              ": a backend image upgrade is not rolled back, the new image may already have"
                  + " migrated the data (");
    }
    List<String> parts = new java.util.ArrayList<>();
    remove.forEach(r -> parts.add("remove " + r));
    setAside.ifPresent(s -> parts.add("stop " + s + " and rename it " + name + "-prev"));
    rename.ifPresent(r -> parts.add("rename " + r + " to " + name));
    restartPolicy.ifPresent(p -> parts.add("restart policy " + p));
    if (start) {
      parts.add("start it and wait until ready");
    } else if (restartPolicy.isPresent()) {
      parts.add("leave it stopped, as it was");
    }
    if (direction == Direction.FINISH) {
      parts.add("remove " + name + "-prev when the apply completes");
    }
    return out.append(String.join(", ", parts)).append(")").toString();
  }
}
