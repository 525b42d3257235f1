package dev.provision.driver;

import java.time.Instant;
import java.util.Optional;

/**
 * A deployment's lock as read from the target: its holder, until when it is valid (renewed by the
 * holder's heartbeat) and the step the holder was at when it last wrote.
 *
 * @param id the lock's identity on the target (a container id for Docker): removing or renewing by
 *     id never touches a lock that someone else took in the meantime
 * @param expires the holder's promise to renew before this instant; later, the lock is stale
 * @param step the step the holder was running at its last heartbeat, empty before the first step
 */
public record LockRecord(String id, LockHolder holder, Instant expires, Optional<String> step) {

  /** True when the holder stopped renewing: the lock may be taken over. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expires);
  }
}
