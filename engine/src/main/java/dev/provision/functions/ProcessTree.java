package dev.provision.functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a child process and every process under it ({@code npx}, the {@code node} it starts, and
 * theirs): first politely (SIGTERM), then, after a short grace, forcibly (SIGKILL). The tree is
 * read before any process is signalled, since a child whose parent died is no longer found under
 * it, and read again before the forced end, to catch one started in between. A zombie counts as
 * ended.
 */
final class ProcessTree {
  /** How long the tree may take to exit on SIGTERM before SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private ProcessTree() {}

  /** Ends {@code p} and its descendants; returns once none of them is alive (or SIGKILL sent). */
  static void end(Process p) {
    boolean wasInterrupted = Thread.interrupted(); // waits below must wait; restored at the end
    try {
      endTree(p);
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void endTree(Process p) {
    Set<ProcessHandle> tree = tree(p.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long until = System.nanoTime() + GRACE.toNanos();
    while (System.nanoTime() < until && tree.stream().anyMatch(ProcessTree::running)) {
      sleep(50);
      tree.addAll(alive(tree));
    }
    tree.addAll(alive(tree));
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long killed = System.nanoTime() + GRACE.toNanos();
    while (System.nanoTime() < killed && tree.stream().anyMatch(ProcessTree::running)) {
      sleep(20); // onExit of a process that is not our child polls too slowly
    }
  }

  /** {@code root} and all its descendants, deepest last. */
  static Set<ProcessHandle> tree(ProcessHandle root) {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    all.add(root);
    root.descendants().forEach(all::add);
    return all;
  }

  /** The descendants of the still-alive members of {@code known} (new ones included). */
  private static List<ProcessHandle> alive(Set<ProcessHandle> known) {
    List<ProcessHandle> found = new ArrayList<>();
    for (ProcessHandle h : known) {
      if (running(h)) {
        h.descendants().forEach(found::add);
      }
    }
    return found;
  }

  /**
   * Alive and not a zombie: a child orphaned by the kill is reparented to PID 1, which in some
   * containers never reaps it, and {@link ProcessHandle#isAlive} stays true for the zombie.
   */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      int end = stat.lastIndexOf(')');
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return h.isAlive(); // no /proc (not Linux), or it just went away
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
