package dev.provision.driver.docker;

import dev.provision.driver.HostDriver;
import dev.provision.driver.OpenedOnce;
import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker connections of one run of several deployments: one per engine (endpoint and docker
 * config folder), opened by the first deployment that needs it and used by every other one on that
 * engine, so the run asks the engine's API version once. An engine that cannot be reached fails
 * every deployment on it with the same error, without each one waiting for it again. Closing this
 * closes every connection; a driver it gave out leaves its connection open when closed.
 *
 * <p>For a read-only run ({@code listOnce}) the deployments on an engine also share one {@link
 * DockerListing} of it: the lists of what is labelled as any deployment's are asked for once, not
 * once per deployment.
 */
public final class SharedDockerConnections implements AutoCloseable {
  private final Map<String, String> env;
  private final boolean listOnce;
  private final Map<String, OpenedOnce<DockerConnection>> engines = new HashMap<>();
  private final Map<String, DockerListing> listings = new HashMap<>();
  private boolean closed;

  /**
   * @param env the variables the docker CLI reads (DOCKER_HOST, DOCKER_TLS_VERIFY,
   *     DOCKER_CERT_PATH, DOCKER_CONFIG), as for {@link DockerHostDriver#connect(Target.Docker,
   *     Map)}
   */
  public SharedDockerConnections(Map<String, String> env) {
    this(env, false);
  }

  /**
   * @param listOnce whether the run only reads (plan, status, doctor): then each engine is listed
   *     once for all its deployments ({@link DockerListing}); never for a run that changes them
   */
  public SharedDockerConnections(Map<String, String> env, boolean listOnce) {
    this.env = Map.copyOf(env);
    this.listOnce = listOnce;
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
    if (!listOnce) {
      return DockerHostDriver.borrowing(connection);
    }
    DockerListing listing;
    synchronized (this) {
      listing = listings.computeIfAbsent(key, k -> new DockerListing(connection));
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
