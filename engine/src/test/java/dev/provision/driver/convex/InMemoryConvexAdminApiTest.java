package dev.provision.driver.convex;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory double passes the same contract as the HTTP client against a backend. */
class InMemoryConvexAdminApiTest extends ConvexAdminApiContract {
  private InMemoryConvexAdminApi.Backend backend;

  @BeforeEach
  void start() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 5);
    backend = new InMemoryConvexAdminApi.Backend("contract-test", secret);
  }

  @Override
  protected String instanceName() {
    return backend.instanceName;
  }

  @Override
  protected byte[] secret() {
    return backend.secret.clone();
  }

  @Override
  protected ConvexAdminApi client(String adminKey) {
    return backend.client(adminKey);
  }
}
