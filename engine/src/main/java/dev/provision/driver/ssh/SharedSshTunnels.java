package dev.provision.driver.ssh;

import dev.provision.driver.HostDriver;
import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The SSH targets of one run of several deployments: one login, one engine tunnel and one engine
 * connection per server (the route and the keys offered, as {@link SshConnections} shares logins),
 * opened once and used by every deployment that goes there, each with its own port forwards. So a
 * server runs {@code docker system dial-stdio} for the run's few engine connections, kept open
 * between deployments, not for each deployment's. Servers can be reached side by side ahead of
 * their deployments ({@link #prepare}). A server that cannot be reached fails every deployment on
 * it with the same error, tried once; a connection that went down is opened again for the next
 * deployment there. Closing this closes every tunnel and login; a driver it gave out closes its
 * port forwards only.
 */
public final class SharedSshTunnels implements AutoCloseable {

  /** One server's tunnel: opened once, or the failure every deployment there reports. */
  private static final class Opening {
    private SshTunnelOpening.Opened opened;
    private RuntimeException failure;
    private boolean ended;

    synchronized SshTunnelOpening.Opened get(Supplier<SshTunnelOpening.Opened> open) {
      if (ended) {
        throw new IllegalStateException("the run's SSH tunnels are closed");
      }
      if (opened != null && !opened.alive()) {
        // the connection went down: the deployments on it have failed; the next ones log in again
        try {
          opened.close();
        } catch (RuntimeException e) {
          // closing what is already down: nothing more to release
        }
        opened = null;
      }
      if (opened == null && failure == null) {
        try {
          opened = open.get();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return opened;
    }

    /** What was opened, if anything; nothing opens after this (a preparation that comes late). */
    synchronized SshTunnelOpening.Opened end() {
      ended = true;
      return opened;
    }
  }

  private final Map<String, String> env;
  private final SshSettings settings;
  private final PassphrasePrompt prompt;
  private final int openAtOnce;
  private final Map<SshConnections.Key, Opening> servers = new HashMap<>();
  private ExecutorService preparing;
  private boolean closed;

  /**
   * As {@link SshHostDriver#connect(Target.Ssh, Map, SshSettings, PassphrasePrompt)} takes them.
   *
   * @param openAtOnce how many servers {@link #prepare} reaches at a time
   */
  public SharedSshTunnels(
      Map<String, String> env, SshSettings settings, PassphrasePrompt prompt, int openAtOnce) {
    this.env = Map.copyOf(env);
    this.settings = settings;
    this.prompt = prompt;
    this.openAtOnce = Math.max(1, openAtOnce);
  }

  /** A driver for {@code target} over its server's shared tunnel. */
  public HostDriver driver(Target.Ssh target) {
    return tunnel(target).driver(false);
  }

  /**
   * Starts opening {@code target}'s tunnel on a background thread, at most {@code openAtOnce} at a
   * time; a failure is kept for the first deployment there to report.
   */
  public void prepare(Target.Ssh target) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (preparing == null) {
        AtomicInteger names = new AtomicInteger();
        preparing =
            Executors.newFixedThreadPool(
                openAtOnce,
                r -> {
                  Thread t = new Thread(r, "provision-ssh-open-" + names.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
      }
      preparing.execute(
          () -> {
            try {
              tunnel(target);
            } catch (RuntimeException e) {
              // kept by its Opening (or the run ended): the deployment there reports it
            }
          });
    }
  }

  private SshTunnelOpening.Opened tunnel(Target.Ssh target) {
    String home = System.getProperty("user.home");
    SshRoute route = SshRoute.resolve(target, SshConfigFile.read(target, home));
    Opening opening;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the run's SSH tunnels are closed");
      }
      opening = servers.computeIfAbsent(SshConnections.key(route), k -> new Opening());
    }
    return opening.get(
        () ->
            SshTunnelOpening.open(
                route, target, env, settings, prompt, TunnelledDriver.docker(settings)));
  }

  @Override
  public void close() {
    List<Opening> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(servers.values());
      servers.clear();
      if (preparing != null) {
        preparing.shutdownNow(); // those not started never start; one opening now is waited for
      }
    }
    RuntimeException first = null;
    for (Opening opening : all) {
      SshTunnelOpening.Opened opened = opening.end();
      if (opened == null) {
        continue;
      }
      try {
        opened.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first; // close the others all the same
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
