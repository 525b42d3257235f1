package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.model.Address;
import dev.provision.model.ConfigHash;
import dev.provision.model.ContainerResource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Labels say what provision made; the real container says what runs. A network deleted by hand, a
 * container re-created by hand with copied labels: each is repaired by one apply, after which the
 * plan is empty. And a container labelled by an older provision (v1 hash) plans no change.
 */
class RealityOverLabelsIT {
  private static final String SPEC = Path.of("..", "specs", "quickstart.yaml").toString();
  private static final String[] NO_DASHBOARD = {"--set", "dashboard.enabled=false"};

  private static String[] yes() {
    return new String[] {"--set", "dashboard.enabled=false", "--yes"};
  }

  @Test
  void aDeletedNetworkIsRepairedOnceAndThePlanIsThenEmpty() throws Exception {
    try (E2e e = new E2e()) {
      assertThat(e.run("apply", SPEC, yes()).code()).isZero();
      String backend = e.deployment + "-backend";
      String network = e.deployment + "-net";
      Docker.run("network", "disconnect", "-f", network, backend);
      Docker.run("network", "rm", network);

      E2e.Run plan = e.run("plan", SPEC, NO_DASHBOARD);
      assertThat(plan.out()).contains("network.default").contains("container.backend");

      E2e.Run repair = e.run("apply", SPEC, yes());
      assertThat(repair.code()).as(repair.all()).isZero();
      assertThat(repair.out()).doesNotContain("already runs the new configuration");
      assertThat(Docker.run("inspect", "-f", "{{json .NetworkSettings.Networks}}", backend))
          .contains(network);

      E2e.Run after =
          e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(after.code()).as(after.all()).isZero();
      assertThat(after.out()).contains("No changes.");
    }
  }

  @Test
  void aContainerRecreatedByHandWithCopiedLabelsIsFixed() throws Exception {
    try (E2e e = new E2e()) {
      assertThat(e.run("apply", SPEC, yes()).code()).isZero();
      String backend = e.deployment + "-backend";
      String labels = Docker.run("inspect", "-f", "{{json .Config.Labels}}", backend);
      Map<String, String> copied =
          new com.fasterxml.jackson.databind.ObjectMapper().readValue(labels, Map.class);
      Docker.run("rm", "-f", backend);
      List<String> args = new ArrayList<>(List.of("run", "-d", "--name", backend));
      copied.forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
      args.addAll(List.of("--network", e.deployment + "-net", E2e.backendImage()));
      Docker.run(args.toArray(String[]::new));

      E2e.Run plan = e.run("plan", SPEC, NO_DASHBOARD);
      assertThat(plan.out()).contains("-/+ container.backend");
      // The hand-made container holds no data volume: its own credentials are not the data's.
      assertThat(plan.all()).doesNotContain("copies of the instance secret disagree");

      E2e.Run repair = e.run("apply", SPEC, yes());
      assertThat(repair.code()).as(repair.all()).isZero();
      assertThat(repair.out()).doesNotContain("already runs the new configuration");
      E2e.Run after =
          e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(after.code()).as(after.all()).isZero();
    }
  }

  @Test
  void aContainerLabelledByAnOlderProvisionPlansNoChange() throws Exception {
    try (E2e e = new E2e()) {
      assertThat(e.run("apply", SPEC, yes()).code()).isZero();
      try (HostDriver host = e.docker()) {
        ContainerResource real =
            (ContainerResource)
                host.observe(e.deployment)
                    .resources()
                    .get(Address.parse("container.backend"))
                    .resource();
        host.stopContainer(real.name(), 10);
        host.removeContainer(real.name());
        // what the previous version wrote: the unprefixed v1 hash of the display attributes
        host.createContainer(e.deployment, real, real.name(), ConfigHash.v1(real));
        host.startContainer(real.name());
      }
      assertThat(
              Docker.run(
                  "inspect",
                  "-f",
                  "{{index .Config.Labels \"dev.provision.config-hash\"}}",
                  e.deployment + "-backend"))
          .doesNotContain(":");

      E2e.Run plan = e.run("plan", SPEC, "--set", "dashboard.enabled=false", "--detailed-exitcode");
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(plan.out()).contains("No changes.").doesNotContain("changed outside provision");
    }
  }
}
