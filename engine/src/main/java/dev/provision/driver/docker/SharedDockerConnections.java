package dev.provision.driver.docker;

import dev.provision.driver.HostDriver;
import dev.provision.driver.OpenedOnce;
import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Docker connections of one run of several deployments: one per engine (endpoint and docker
 * config folder), opened by the first deployment that needs it and used by every other one on that
 * engine, so the run asks the engine's API version once. An engine that cannot be reached fails
 * every deployment on it with the same error, without each one waiting for it again. Closing this
 * closes every connection; a driver it gave out leaves its connection open when closed.
 *
 * <p>For a read-only run (given the volumes its specs name) the deployments on an engine also share
 * its {@link DockerListing}: the lists of what is labelled as any deployment's are asked for once
 * every two seconds at most, not once per deployment.
 */
public final class SharedDockerConnections implements AutoCloseable {
  private final Map<String, String> env;
  private final Set<String> runVolumes;
  private final Map<String, OpenedOnce<DockerConnection>> engines = new HashMap<>();
  private final Map<String, DockerListing> listings = new HashMap<>();
  private boolean closed;

  /**
   * @param env the variables the docker CLI reads (DOCKER_HOST, DOCKER_TLS_VERIFY,
   *     DOCKER_CERT_PATH, DOCKER_CONFIG), as for {@link DockerHostDriver#connect(Target.Docker,
   *     Map)}
   */
  public SharedDockerConnections(Map<String, String> env) {
    this(env, null);
  }

  /**
   * @param runVolumes for a read-only run (plan, status, doctor), the volumes its specs name,
   *     filled in before any deployment observes: then each engine is listed once for all its
   *     deployments ({@link DockerListing}), with the users of these volumes; null for a run that
   *     changes its targets (nothing is listed ahead)
   */
  public SharedDockerConnections(Map<String, String> env, Set<String> runVolumes) {
    this.env = Map.copyOf(env);
    this.runVolumes = runVolumes;
  }

  /** A driver for {@code target} over its engine's shared connection. */
  public HostDriver driver(Target.Docker target) {
    String home = System.getProperty("user.home");
    DockerEndpoint endpoint = DockerEndpoint.resolve(target, env, home);
    String config = DockerHostDriver.configFolder(env, home);
    // a text key: a record's generated hashCode costs a bootstrap on its first call
    String key = endpoint.host() + "\0" + endpoint.certPath() + "\0" + config;
    OpenedOnce<DockerConnection> opening;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the run's Docker connections are closed");
      }
      opening =
          engines.computeIfAbsent(key, k -> new OpenedOnce<>(c -> true, DockerConnection::close));
    }
    DockerConnection connection = opening.get(() -> DockerConnection.open(endpoint, config));
    if (runVolumes == null) {
      return DockerHostDriver.borrowing(connection);
    }
    DockerListing listing;
    synchronized (this) {
      listing = listings.computeIfAbsent(key, k -> new DockerListing(connection, runVolumes));
    }
    return DockerHostDriver.borrowing(connection, listing);
  }

  @Override
  public void close() {
    List<OpenedOnce<DockerConnection>> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(engines.values());
      engines.clear();
      listings.clear();
    }
    all.forEach(OpenedOnce::end);
  }
}
