package dev.provision.driver.postgres;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.provision.driver.ExecResult;
import dev.provision.model.Database.SslMode;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresEndpoint;
import dev.provision.postgres.PostgresUrls;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Postgres server in a container for integration tests: the image from {@code
 * PROVISION_TEST_POSTGRES_IMAGE} (default {@code provision-test/postgres:latest}, any image that
 * follows the official postgres image's environment works, e.g. {@code postgres:17}), never pulled,
 * port 5432 published on 127.0.0.1 at a random port, named and labelled for cleanup, removed with
 * its volumes on {@link #close()}.
 */
final class TestPostgres implements AutoCloseable {
  static final String IMAGE =
      System.getenv()
          .getOrDefault("PROVISION_TEST_POSTGRES_IMAGE", "provision-test/postgres:latest");
  static final String SUPERUSER = "boss";
  static final String SUPER_PASSWORD = "b0ss p@ss:/?#%";
  private static final int PORT = 5432;

  private final GenericContainer<?> container;

  private TestPostgres(GenericContainer<?> container) {
    this.container = container;
  }

  /** The container's address on Docker's bridge (port 5432 there), a name no test cert holds. */
  String bridgeIp() {
    return container.getContainerInfo().getNetworkSettings().getIpAddress();
  }

  /** Starts a server and waits (up to 90 s) until the superuser can run a query over TCP. */
  static TestPostgres start() {
    requireImage();
    String name = "pt-pg-" + UUID.randomUUID().toString().substring(0, 8);
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withImagePullPolicy(image -> false)
            .withEnv(managedEnv())
            .withEnv("POSTGRES_DB", SUPERUSER)
            .withLabel("dev.provision.test", "postgres")
            .withExposedPorts(PORT)
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withName(name);
                  cmd.getHostConfig()
                      .withPortBindings(
                          new PortBinding(
                              Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT)));
                })
            .waitingFor(new AcceptsQueries().withStartupTimeout(Duration.ofSeconds(90)));
    c.start();
    return new TestPostgres(c);
  }

  /** The environment the engine gives its own Postgres container. */
  private static java.util.Map<String, String> managedEnv() {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    ManagedPostgresSettings.containerEnv(SUPERUSER, Value.secret(SUPER_PASSWORD))
        .forEach((name, value) -> env.put(name, value.text()));
    return env;
  }

  /** Fails at once, with what to do, when the image was not built (nothing may pull it). */
  private static void requireImage() {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
    } catch (NotFoundException e) {
      throw new IllegalStateException(
          "image "
              + IMAGE
              + " is missing: build the test images with testing/setup.sh, or set"
              + " PROVISION_TEST_POSTGRES_IMAGE to a local postgres image");
    }
  }

  int port() {
    return container.getMappedPort(PORT);
  }

  String containerName() {
    return container.getContainerName().replaceFirst("^/", "");
  }

  /** A login to this server through its published port. */
  PostgresEndpoint endpoint(String user, String password, SslMode ssl) {
    return new PostgresEndpoint(
        "127.0.0.1", port(), user, password == null ? null : Value.secret(password), ssl, null);
  }

  PostgresEndpoint superuser() {
    return endpoint(SUPERUSER, SUPER_PASSWORD, SslMode.DISABLE);
  }

  /** Runs SQL statements as the superuser in {@code database}. */
  void sql(String database, String... statements) {
    try (Connection c = connect(superuser(), database);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("setup SQL failed: " + e.getMessage(), e);
    }
  }

  /** {@code docker exec} into the server's container, as {@link ContainerExec} expects. */
  ExecResult exec(String containerName, List<String> command) {
    try {
      var r = container.execInContainer(command.toArray(String[]::new));
      return new ExecResult(r.getExitCode(), r.getStdout(), r.getStderr());
    } catch (Exception e) {
      throw new IllegalStateException("docker exec failed", e);
    }
  }

  /** Writes a file into the container (owned by root; chown it with {@link #exec} as needed). */
  void copy(String text, String path) {
    container.copyFileToContainer(
        Transferable.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0600), path);
  }

  /** Runs a command in the container and fails unless it succeeds; returns its output. */
  String run(String... command) {
    ExecResult r = exec(containerName(), List.of(command));
    if (!r.ok()) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + r.stderr());
    }
    return r.stdout();
  }

  static Connection connect(PostgresEndpoint endpoint, String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", endpoint.user());
    props.setProperty("password", endpoint.password().text());
    props.setProperty("connectTimeout", "3");
    return new org.postgresql.Driver().connect(PostgresUrls.jdbcUrl(endpoint, database), props);
  }

  @Override
  public void close() {
    container.stop();
  }

  /** Ready when a query over the published port succeeds: the final server, not initdb's. */
  private static final class AcceptsQueries extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {
      int port = waitStrategyTarget.getMappedPort(PORT);
      PostgresEndpoint endpoint =
          new PostgresEndpoint(
              "127.0.0.1", port, SUPERUSER, Value.secret(SUPER_PASSWORD), SslMode.DISABLE, null);
      long deadline = System.nanoTime() + startupTimeout.toNanos();
      SQLException last = null;
      while (System.nanoTime() < deadline) {
        if (!waitStrategyTarget.isRunning()) {
          throw new IllegalStateException(
              "the Postgres container stopped:\n" + waitStrategyTarget.getLogs());
        }
        try (Connection c = connect(endpoint, SUPERUSER);
            Statement s = c.createStatement()) {
          s.execute("SELECT 1");
          return;
        } catch (SQLException e) {
          last = e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException(
          "Postgres did not accept queries within "
              + startupTimeout.toSeconds()
              + " s: "
              + (last == null ? "" : last.getMessage())
              + "\n"
              + waitStrategyTarget.getLogs());
    }
  }
}
