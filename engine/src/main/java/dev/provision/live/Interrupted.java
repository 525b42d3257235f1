package dev.provision.live;

import dev.provision.model.ApplyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An apply that stopped without finishing (killed, machine gone), as the target shows it: its lock
 * was found stale (or was taken over just now), and/or containers it made are in a half-done swap.
 * Found from the target alone, so any machine sees it; the local journal is only a report.
 *
 * @param applyId the interrupted apply's id, empty when neither its lock nor its containers say
 * @param at when it was last known alive (its lock's last heartbeat), empty when its lock is gone
 * @param step the step it was at, from its lock
 * @param holder who ran it (user, host, pid, command), from its lock
 * @param swaps the container replaces it left half-done
 */
public record Interrupted(
    Optional<ApplyId> applyId,
    Optional<Instant> at,
    Optional<String> step,
    Optional<String> holder,
    List<HalfDoneSwap> swaps) {

  public Interrupted {
    swaps = List.copyOf(swaps);
  }
}
