package dev.provision.driver.convex;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.provision.convex.InstanceSecret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The HTTP client passes the admin API contract against the backend stand-in image (built locally
 * by testing/setup.sh; never pulled). Skipped when the image is not on this machine. The system
 * property {@code provision.test.convexBackendImage} names another local image.
 */
class HttpConvexAdminApiStandinIT extends ConvexAdminApiContract {
  private static final String IMAGE =
      System.getProperty(
          "provision.test.convexBackendImage", "provision-test/convex-backend:latest");
  private static final String NAME = "contract-it";
  private static final InstanceSecret SECRET = InstanceSecret.generate();
  private static GenericContainer<?> backend;

  @BeforeAll
  static void startBackend() {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
    } catch (NotFoundException e) {
      Assumptions.abort(IMAGE + " is not built here: run `bash testing/setup.sh`");
    }
    String name = "pt-convex-" + UUID.randomUUID().toString().substring(0, 8);
    backend =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withImagePullPolicy(image -> false)
            .withEnv("INSTANCE_NAME", NAME)
            .withEnv("INSTANCE_SECRET", SECRET.hex())
            .withLabels(Map.of("dev.provision.test", "pt-convex"))
            .withExposedPorts(3210)
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withName(name);
                  cmd.getHostConfig()
                      .withPortBindings(
                          new PortBinding(
                              Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(3210)));
                })
            .waitingFor(Wait.forHttp("/version").forStatusCode(200))
            .withStartupTimeout(Duration.ofSeconds(90));
    backend.start();
  }

  @AfterAll
  static void stopBackend() {
    if (backend != null) {
      backend.stop();
    }
  }

  @Override
  protected String instanceName() {
    return NAME;
  }

  @Override
  protected byte[] secret() {
    return SECRET.bytes();
  }

  @Override
  protected ConvexAdminApi client(String adminKey) {
    URI uri = URI.create("http://127.0.0.1:" + backend.getMappedPort(3210));
    return new HttpConvexAdminApi(uri, adminKey);
  }
}
