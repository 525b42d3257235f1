package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.convex.AdminKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the Convex backend image the engine's tests rely on: by default the local TEST STAND-IN
 * ({@code provision-test/convex-backend:latest}) with {@code provision-test/postgres:latest}; with
 * {@code PROVISION_TEST_BACKEND_IMAGE=ghcr.io/get-convex/convex-backend:<sha>} and {@code
 * PROVISION_TEST_POSTGRES_IMAGE=postgres:17} (system property or environment, images pulled
 * beforehand) the same checks run against the real images. Nothing is ever pulled here.
 */
class StandinImageIT {
  static final String BACKEND =
      setting("PROVISION_TEST_BACKEND_IMAGE", "provision-test/convex-backend:latest");
  static final String POSTGRES =
      setting("PROVISION_TEST_POSTGRES_IMAGE", "provision-test/postgres:latest");
  static final String DASHBOARD =
      setting("PROVISION_TEST_DASHBOARD_IMAGE", "provision-test/convex-dashboard:latest");
  static final String SECRET = "4f".repeat(32);
  static final String OTHER_SECRET = "a1".repeat(32);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private DockerFixture docker;

  /** Whether BACKEND is the stand-in, whose own messages and version may be checked exactly. */
  private boolean standin;

  @BeforeEach
  void setUp() {
    docker = new DockerFixture();
    docker.requireImage(BACKEND);
    standin = docker.imageLabelled(BACKEND, "dev.provision.test.standin");
  }

  @AfterEach
  void tearDown() throws Exception {
    docker.close();
  }

  @Test
  void credentialsComeFromEnvThenVolumeAndAreRewrittenOnEveryStart() throws Exception {
    String volume = docker.volume("data");
    String first = backend(volume, "INSTANCE_NAME=pt-infra-one", "INSTANCE_SECRET=" + SECRET);
    assertThat(get(first, "/instance_name", null).body()).isEqualTo("pt-infra-one");
    assertThat(storedSecret(first)).isEqualTo(SECRET);
    docker.stop(first, 10);

    String fromVolume = backend(volume);
    assertThat(get(fromVolume, "/instance_name", null).body()).isEqualTo("pt-infra-one");
    assertThat(storedSecret(fromVolume)).isEqualTo(SECRET);
    docker.stop(fromVolume, 10);

    String replaced = backend(volume, "INSTANCE_SECRET=" + OTHER_SECRET);
    assertThat(storedSecret(replaced)).isEqualTo(OTHER_SECRET);
    docker.stop(replaced, 10);
    String after = backend(volume);
    assertThat(storedSecret(after))
        .as("the env var replaced the stored secret for good")
        .isEqualTo(OTHER_SECRET);
  }

  @Test
  void defaultsAreTheFixedNameAndAFreshSecretAndVersionAnswers() throws Exception {
    String id = backend(docker.volume("data"));
    assertThat(get(id, "/instance_name", null).body()).isEqualTo("convex-self-hosted");
    assertThat(storedSecret(id)).matches("[0-9a-f]{64}");
    HttpResponse<String> version = get(id, "/version", null);
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.body()).isNotBlank();
    if (standin) {
      assertThat(version.body()).isEqualTo("standin-1");
    }
    assertThat(docker.stop(id, 10)).as("stops on its stop signal, not killed").isNotEqualTo(137);
  }

  @Test
  void aMalformedSecretStopsTheBackend() throws Exception {
    String id = docker.start(run(docker.volume("data"), List.of("INSTANCE_SECRET=not-hex")));
    assertThat(docker.awaitExit(id, Duration.ofSeconds(60))).isNotZero();
  }

  @Test
  void adminKeysFromAnotherSecretAreRefusedAndEnvVarsSurviveARestart() throws Exception {
    String volume = docker.volume("data");
    String name = "pt-infra-keys";
    String id = backend(volume, "INSTANCE_NAME=" + name, "INSTANCE_SECRET=" + SECRET);
    String foreign = issue(name, OTHER_SECRET);
    HttpResponse<String> bad = get(id, "/api/check_admin_key", foreign);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("\"code\":\"BadAdminKey\"");

    String key = issue(name, SECRET);
    assertThat(get(id, "/api/check_admin_key", key).statusCode()).isEqualTo(200);
    HttpResponse<String> set =
        post(
            id,
            "/api/v1/update_environment_variables",
            key,
            "{\"changes\":[{\"name\":\"PT_INFRA_VAR\",\"value\":\"kept\"}]}");
    assertThat(set.statusCode()).isEqualTo(200);
    docker.stop(id, 10);

    String again = backend(volume, "INSTANCE_NAME=" + name, "INSTANCE_SECRET=" + SECRET);
    assertThat(get(again, "/api/v1/list_environment_variables", key).body())
        .contains("\"PT_INFRA_VAR\":\"kept\"");
  }

  @Test
  void readOnlyKeysDeclaredAndBuiltInEnvVarsAnswerLikeTheRealBackend() throws Exception {
    String name = "pt-infra-strict";
    String id =
        backend(
            docker.volume("data"),
            "INSTANCE_NAME=" + name,
            "INSTANCE_SECRET=" + SECRET,
            "STANDIN_REQUIRED_ENV=NEEDED");
    String key = issue(name, SECRET);
    String readOnly = AdminKeys.issue(name, HexFormat.of().parseHex(SECRET), true);
    assertThat(get(id, "/api/check_admin_key", readOnly).body()).contains("\"isReadOnly\":true");
    String change = "{\"changes\":[{\"name\":\"NEEDED\",\"value\":\"x\"}]}";
    HttpResponse<String> refused =
        post(id, "/api/v1/update_environment_variables", readOnly, change);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"code\":\"OperationNotPermitted\"");
    assertThat(post(id, "/api/v1/update_environment_variables", key, change).statusCode())
        .isEqualTo(200);
    HttpResponse<String> required =
        post(
            id,
            "/api/v1/update_environment_variables",
            key,
            "{\"changes\":[{\"name\":\"NEEDED\",\"value\":null}]}");
    assertThat(required.body()).contains("\"code\":\"RequiredEnvironmentVariable\"");
    HttpResponse<String> builtIn =
        post(
            id,
            "/api/v1/update_environment_variables",
            key,
            "{\"changes\":[{\"name\":\"CONVEX_CLOUD_URL\",\"value\":\"https://x\"}]}");
    assertThat(builtIn.body()).contains("\"code\":\"EnvVarNameForbidden\"");
  }

  @Test
  void withPostgresTheDatabaseMustExistFirst() throws Exception {
    docker.requireImage(POSTGRES);
    String network = docker.network("net");
    String pgName = docker.name("pg");
    String pg =
        docker.start(
            new DockerFixture.Run(
                POSTGRES,
                pgName,
                List.of("POSTGRES_PASSWORD=pt-infra-pw"),
                null,
                null,
                network,
                List.of()));
    awaitPostgres(pg);
    String cluster = "postgres://postgres:pt-infra-pw@" + pgName + ":5432";
    List<String> env =
        List.of(
            "INSTANCE_NAME=pt-infra-pg",
            "INSTANCE_SECRET=" + SECRET,
            "DO_NOT_REQUIRE_SSL=1",
            "POSTGRES_URL=" + cluster + "?sslmode=disable");

    String missing =
        docker.start(
            new DockerFixture.Run(
                BACKEND, docker.name("missing"), env, null, null, network, List.of(3210)));
    assertThat(docker.awaitExit(missing, Duration.ofSeconds(60)))
        .as("exits while database pt_infra_pg does not exist")
        .isNotZero();

    List<String> withPath = new ArrayList<>(env);
    withPath.set(3, "POSTGRES_URL=" + cluster + "/postgres?sslmode=disable");
    String named =
        docker.start(
            new DockerFixture.Run(
                BACKEND, docker.name("named"), withPath, null, null, network, List.of(3210)));
    assertThat(docker.awaitExit(named, Duration.ofSeconds(60))).isNotZero();
    if (standin) {
      assertThat(docker.logs(named)).contains("cluster url already contains db name");
    }

    docker.exec(pg, "psql", "-U", "postgres", "-c", "CREATE DATABASE pt_infra_pg");
    String ok =
        docker.start(
            new DockerFixture.Run(
                BACKEND, docker.name("ok"), env, null, null, network, List.of(3210)));
    awaitReady(ok);
    assertThat(
            docker.exec(
                pg,
                "psql",
                "-U",
                "postgres",
                "-d",
                "pt_infra_pg",
                "-Atc",
                "SELECT count(*) > 0 FROM pg_tables WHERE schemaname = 'public'"))
        .startsWith("t");
  }

  @Test
  void theDashboardAnswersOn6791() throws Exception {
    docker.requireImage(DASHBOARD);
    String id =
        docker.start(
            new DockerFixture.Run(
                DASHBOARD,
                docker.name("dashboard"),
                List.of("NEXT_PUBLIC_DEPLOYMENT_URL=http://127.0.0.1:3210"),
                null,
                null,
                null,
                List.of(6791)));
    URI page = URI.create("http://127.0.0.1:" + docker.hostPort(id, 6791) + "/");
    HttpResponse<String> answer = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (answer == null && System.nanoTime() < deadline) {
      try {
        answer =
            http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    assertThat(answer).as("dashboard answered:\n" + docker.logs(id)).isNotNull();
    assertThat(answer.statusCode()).isEqualTo(200);
    if (docker.imageLabelled(DASHBOARD, "dev.provision.test.standin")) {
      assertThat(answer.body()).contains("http://127.0.0.1:3210");
    }
  }

  private String backend(String volume, String... env) throws Exception {
    String id = docker.start(run(volume, List.of(env)));
    awaitReady(id);
    return id;
  }

  private DockerFixture.Run run(String volume, List<String> env) {
    return new DockerFixture.Run(
        BACKEND,
        docker.name("backend-" + System.nanoTime() % 100000),
        env,
        volume,
        "/convex/data",
        null,
        List.of(3210, 3211));
  }

  private String storedSecret(String id) throws Exception {
    return docker.exec(id, "cat", "/convex/data/credentials/instance_secret").trim();
  }

  private String issue(String name, String secretHex) {
    try {
      return AdminKeys.issue(name, HexFormat.of().parseHex(secretHex), false);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("the engine's AdminKeys cannot issue keys in this build yet");
      throw e;
    }
  }

  /** Polls GET /version until 200; on timeout, fails with the container's state and logs. */
  private void awaitReady(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!docker.running(id)) {
        throw new AssertionError("backend exited before it was ready:\n" + docker.logs(id));
      }
      try {
        if (get(id, "/version", null).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new AssertionError("backend not ready within 60 s:\n" + docker.logs(id));
  }

  private void awaitPostgres(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (docker.execStatus(id, "pg_isready", "-h", "127.0.0.1", "-U", "postgres") == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("postgres not ready within 60 s:\n" + docker.logs(id));
  }

  private HttpResponse<String> get(String id, String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(id, path)).timeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header("Authorization", "Convex " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String id, String path, String key, String json)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(id, path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Convex " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String id, String path) {
    return URI.create("http://127.0.0.1:" + docker.hostPort(id, 3210) + path);
  }

  private static String setting(String name, String fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return value == null || value.isBlank() ? fallback : value;
  }
}
