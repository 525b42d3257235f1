package dev.provision.driver.ssh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A reference-counted pool of connections by key (for SSH: the user, host and port of the target
 * and of every jump host): the first user opens a connection, later users of the same key share it,
 * and the last one to close closes it. Each connection has a budget of sessions (what the server
 * allows on one connection, learned when it opened); every user takes a share of it and gives it
 * back on close. When no session is left on any open connection, a new one is opened. Users of
 * different keys never wait for each other; users of one key open one at a time.
 */
final class SharedConnections<K, C> {
  /** A connection just opened and the number of sessions the server allows on it. */
  record Opened<C>(C connection, int sessions) {}

  private final class Entry {
    final K key;
    final C connection;
    int free;
    int users;

    Entry(K key, Opened<C> opened) {
      this.key = key;
      this.connection = opened.connection();
      this.free = opened.sessions();
    }
  }

  /** One user's hold on a shared connection: its sessions, returned by {@link #close()}. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private final int sessions;
    private boolean closed;

    private Lease(Entry entry, int sessions) {
      this.entry = entry;
      this.sessions = sessions;
    }

    C connection() {
      return entry.connection;
    }

    int sessions() {
      return sessions;
    }

    /** Whether other users share this connection right now. */
    boolean shared() {
      synchronized (lockOf(entry.key)) {
        return entry.users > 1;
      }
    }

    @Override
    public void close() {
      release(this);
    }
  }

  private final Map<K, List<Entry>> entries = new HashMap<>();
  private final Map<K, Object> locks = new HashMap<>();
  private final Consumer<C> closer;

  SharedConnections(Consumer<C> closer) {
    this.closer = closer;
  }

  private synchronized Object lockOf(K key) {
    return locks.computeIfAbsent(key, k -> new Object());
  }

  /**
   * A share of at most {@code want} sessions on a connection for {@code key}: an open one that is
   * still {@code usable} with a session free, else a new one from {@code open} (which may throw;
   * nothing is kept then).
   */
  Lease acquire(K key, int want, Predicate<C> usable, Supplier<Opened<C>> open) {
    synchronized (lockOf(key)) {
      List<Entry> list;
      synchronized (this) {
        list = entries.computeIfAbsent(key, k -> new ArrayList<>());
      }
      for (Entry e : list) {
        if (e.free > 0 && usable.test(e.connection)) {
          return take(e, want);
        }
      }
      Entry fresh = new Entry(key, open.get());
      list.add(fresh);
      return take(fresh, want);
    }
  }

  private Lease take(Entry e, int want) {
    int sessions = Math.max(1, Math.min(want, e.free));
    e.free -= sessions;
    e.users++;
    return new Lease(e, sessions);
  }

  private void release(Lease lease) {
    Entry e = lease.entry;
    boolean last;
    synchronized (lockOf(e.key)) {
      if (lease.closed) {
        return;
      }
      lease.closed = true;
      e.free += lease.sessions;
      e.users--;
      last = e.users == 0;
      if (last) {
        synchronized (this) {
          List<Entry> list = entries.get(e.key);
          list.remove(e);
          if (list.isEmpty()) {
            entries.remove(e.key);
          }
        }
      }
    }
    if (last) {
      closer.accept(e.connection);
    }
  }

  /** How many connections are open for {@code key} (for tests). */
  synchronized int open(K key) {
    List<Entry> list = entries.get(key);
    return list == null ? 0 : list.size();
  }
}
