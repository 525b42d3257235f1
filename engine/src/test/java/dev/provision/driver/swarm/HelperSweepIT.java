package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.docker.DockerConnection;
import dev.provision.driver.docker.DockerEndpoint;
import dev.provision.model.Target;
import dev.provision.testing.SwarmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The age sweep of {@link HelperServices} against a real one-node swarm: a helper service and its
 * input config left by a killed run (made here by hand with the {@link SwarmLabels#HELPER} label,
 * as a run makes them) stay while they are younger than twice {@link HelperServices#LIMIT} (they
 * may belong to a run still going), and are removed once the sweep's clock is past that; a service
 * and a config without the label are never removed, however old.
 */
class HelperSweepIT {
  private static final String BASE = "provision-test/base:latest";
  private static final String ID = Long.toHexString(System.nanoTime() & 0xffffff);
  private static final Duration STALE = HelperServices.LIMIT.multipliedBy(2).plusMinutes(1);
  private static SwarmCluster cluster;
  private static DockerConnection connection;
  private static SwarmApi api;

  @BeforeAll
  static void start() {
    SwarmCluster.unavailable().ifPresent(why -> Assumptions.abort(why));
    cluster = SwarmCluster.start(1, List.of(BASE));
    Target.Docker engine = new Target.Docker(cluster.manager().dockerHost(), null, false);
    DockerEndpoint endpoint =
        DockerEndpoint.resolve(engine, Map.of(), System.getProperty("user.home"));
    connection = DockerConnection.open(endpoint, System.getProperty("user.home") + "/.docker");
    api = new SwarmApi(connection);
  }

  @AfterAll
  static void stop() {
    if (connection != null) {
      connection.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aLeftoverHelperIsSweptOnlyOnceOlderThanTwiceTheLimit() throws Exception {
    String helper = "pt-sweep-" + ID + "-x-000001";
    String plain = "pt-sweep-" + ID + "-plain";
    service(helper, "--label", SwarmLabels.HELPER + "=" + helper);
    service(plain);
    config(helper + "-0", "--label", SwarmLabels.HELPER + "=" + helper);
    config(plain + "-0");

    new HelperServices(api, Clock.systemUTC()).sweep();
    assertThat(services()).contains(helper, plain);
    assertThat(configs()).contains(helper + "-0", plain + "-0");

    new HelperServices(api, Clock.offset(Clock.systemUTC(), STALE)).sweep();
    assertThat(services()).doesNotContain(helper).contains(plain);
    assertThat(configs()).doesNotContain(helper + "-0").contains(plain + "-0");
    assertThat(list("service", "--filter", "label=" + SwarmLabels.HELPER)).isEmpty();
    assertThat(list("config", "--filter", "label=" + SwarmLabels.HELPER)).isEmpty();
  }

  /** A one-shot service as a helper is (restart none, dnsrr), its task run to the end. */
  private static void service(String name, String... labels) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "service",
                "create",
                "-d",
                "--name",
                name,
                "--restart-condition",
                "none",
                "--endpoint-mode",
                "dnsrr"));
    args.addAll(List.of(labels));
    args.addAll(List.of(BASE, "true"));
    cluster.docker(0, args.toArray(String[]::new));
  }

  private static void config(String name, String... labels) throws Exception {
    Path data = Files.createTempFile("pt-sweep", ".txt");
    try {
      Files.writeString(data, "input of " + name);
      List<String> args = new java.util.ArrayList<>(List.of("config", "create"));
      args.addAll(List.of(labels));
      args.addAll(List.of(name, data.toString()));
      cluster.docker(0, args.toArray(String[]::new));
    } finally {
      Files.delete(data);
    }
  }

  private static List<String> services() {
    return list("service");
  }

  private static List<String> configs() {
    return list("config");
  }

  private static List<String> list(String kind, String... filters) {
    List<String> args = new java.util.ArrayList<>(List.of(kind, "ls"));
    args.addAll(List.of(filters));
    args.addAll(List.of("--format", "{{.Name}}"));
    return cluster.docker(0, args.toArray(String[]::new)).lines().map(String::strip).toList();
  }
}
