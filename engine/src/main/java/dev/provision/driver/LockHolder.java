package dev.provision.driver;

import java.time.Instant;

/**
 * Who holds a deployment's lock: written once when the lock is taken (as labels on the lock
 * container) and never changed. Holds no spec or {@code --set} value: {@code command} is the
 * command's words and flags only (e.g. {@code provision apply SPEC --yes --set}).
 *
 * @param applyId a random id of the apply or destroy that holds the lock; the same id labels what
 *     that apply creates, so an interrupted apply can be recognised on the target
 * @param user the operating-system user
 * @param host the host name of the machine the holder runs on
 * @param pid the holder's process id on that machine
 * @param command the redacted command line
 * @param started when the lock was taken
 */
public record LockHolder(
    String applyId, String user, String host, long pid, String command, Instant started) {

  /** One line for messages, e.g. {@code alice@build-1 (pid 4242, provision apply SPEC --yes)}. */
  public String describe() {
    return user + "@" + host + " (pid " + pid + ", " + command + ")";
  }
}
