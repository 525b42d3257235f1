package dev.provision.driver.ssh;

import dev.provision.driver.HostDriver;
import dev.provision.driver.OpenedOnce;
import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SSH targets of one run of several deployments: one login, one engine tunnel and one engine
 * connection per server (the route and the keys offered, as {@link SshConnections} shares logins),
 * opened once and used by every deployment that goes there, each with its own port forwards. So a
 * server runs {@code docker system dial-stdio} for the run's few engine connections, kept open
 * between deployments, not for each deployment's. Servers can be reached side by side ahead of
 * their deployments ({@link #prepare}). A server that cannot be reached fails every deployment on
 * it with the same error, tried once; a connection that went down is opened again for the next
 * deployment there. Closing this closes every tunnel and login; a driver it gave out closes its
 * port forwards only. It serves read-only runs (plan, status, doctor): each server's engine is
 * listed for all its deployments at once ({@code DockerListing}), at most every 2 seconds.
 */
public final class SharedSshTunnels implements AutoCloseable {

  private final Map<String, String> env;
  private final SshSettings settings;
  private final PassphrasePrompt prompt;
  private final int openAtOnce;
  private final java.util.Set<String> runVolumes;
  private final Map<SshConnections.Key, OpenedOnce<SshTunnelOpening.Opened>> servers =
      new HashMap<>();
  private ExecutorService preparing;
  private boolean closed;

  /**
   * As {@link SshHostDriver#connect(Target.Ssh, Map, SshSettings, PassphrasePrompt)} takes them.
   *
   * @param openAtOnce how many servers {@link #prepare} reaches at a time
   */
  public SharedSshTunnels(
      Map<String, String> env, SshSettings settings, PassphrasePrompt prompt, int openAtOnce) {
    this(env, settings, prompt, openAtOnce, java.util.Set.of());
  }

  /**
   * As {@link #SharedSshTunnels(Map, SshSettings, PassphrasePrompt, int)}, with the volumes the
   * run's specs name (filled in before any deployment observes), whose users each server's listing
   * lists at once.
   */
  public SharedSshTunnels(
      Map<String, String> env,
      SshSettings settings,
      PassphrasePrompt prompt,
      int openAtOnce,
      java.util.Set<String> runVolumes) {
    this.env = Map.copyOf(env);
    this.settings = settings;
    this.prompt = prompt;
    this.openAtOnce = Math.max(1, openAtOnce);
    this.runVolumes = runVolumes;
  }

  /**
   * A driver for {@code target} over its server's shared tunnel, with the notes of its own route
   * (the OpenSSH config options it ignores), as alone.
   */
  public HostDriver driver(Target.Ssh target) {
    SshRoute route = SshTunnelOpening.route(target);
    return tunnel(route, target).driver(false, route.notes());
  }

  /**
   * Starts opening {@code target}'s tunnel on a background thread, at most {@code openAtOnce} at a
   * time; a failure is kept for the first deployment there to report.
   */
  public void prepare(Target.Ssh target) {
    SshRoute route = SshTunnelOpening.route(target);
    synchronized (this) {
      if (closed || servers.containsKey(SshConnections.key(route))) {
        return; // over, or already reached (ahead, or by a deployment)
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
              tunnel(route, target);
            } catch (RuntimeException e) {
              // kept (or the run ended): the first deployment there reports it
            }
          });
    }
  }

  private SshTunnelOpening.Opened tunnel(SshRoute route, Target.Ssh target) {
    OpenedOnce<SshTunnelOpening.Opened> opening;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the run's SSH tunnels are closed");
      }
      opening =
          servers.computeIfAbsent(
              SshConnections.key(route),
              k ->
                  new OpenedOnce<>(SshTunnelOpening.Opened::alive, SshTunnelOpening.Opened::close));
    }
    return opening.get(
        () ->
            SshTunnelOpening.open(
                route,
                target,
                env,
                settings,
                prompt,
                TunnelledDriver.dockerListingOnce(settings, runVolumes)));
  }

  @Override
  public void close() {
    List<OpenedOnce<SshTunnelOpening.Opened>> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(servers.values());
      servers.clear();
      if (preparing != null) {
        preparing.shutdownNow(); // those not started never start; one under way closes its own
      }
    }
    RuntimeException first = null;
    for (OpenedOnce<SshTunnelOpening.Opened> opening : all) {
      try {
        opening.end();
      } catch (RuntimeException e) {
        first = first == null ? e : first; // close the others all the same
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
