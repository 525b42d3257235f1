package dev.provision.driver.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.driver.HelperRun;
import dev.provision.driver.Labels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HelperSpecsTest {
  @Test
  void aHelperRunsOnceOnItsNodeWithItsInputAndOnlyTheHelperLabel() throws Exception {
    HelperSpecs helper =
        new HelperSpecs(
            "prod-postgres-x-abc123",
            "provision-test/postgres",
            List.of("psql", "-tAc", "SELECT 1"),
            Map.of("PGPASSWORD", "pw", "PGHOST", "postgres"),
            SwarmApi.JSON.readTree("[{\"Type\":\"volume\",\"Source\":\"pg\",\"Target\":\"/d\"}]"),
            "net-id",
            List.of("node.labels.dev.provision.node.prod==data"),
            List.of(new HelperSpecs.Input("cfg1", "helper-0", "/run/provision-input/0000")));
    assertThat(helper.spec())
        .isEqualTo(
            SwarmApi.JSON.readTree(
                """
                {"Name":"prod-postgres-x-abc123",
                 "Labels":{"dev.provision.swarm.helper":"prod-postgres-x-abc123"},
                 "TaskTemplate":{
                   "ContainerSpec":{"Image":"provision-test/postgres",
                     "Labels":{"dev.provision.swarm.helper":"prod-postgres-x-abc123"},
                     "Command":["psql","-tAc","SELECT 1"],
                     "Env":["PGHOST=postgres","PGPASSWORD=pw"],
                     "Mounts":[{"Type":"volume","Source":"pg","Target":"/d"}],
                     "Configs":[{"ConfigID":"cfg1","ConfigName":"helper-0",
                       "File":{"Name":"/run/provision-input/0000","UID":"0","GID":"0",
                               "Mode":292}}]},
                   "RestartPolicy":{"Condition":"none"},
                   "Placement":{"Constraints":["node.labels.dev.provision.node.prod==data"]},
                   "Networks":[{"Target":"net-id"}]},
                 "Mode":{"Replicated":{"Replicas":1}},
                 "EndpointSpec":{"Mode":"dnsrr"}}
                """));
    assertThat(helper.toString()).doesNotContain("pw").contains("PGPASSWORD");
  }

  @Test
  void aSiblingCopiesTheServiceButNotItsAliasesAndSharesAScratchTmp() throws Exception {
    JsonNode service =
        SwarmApi.JSON.readTree(
            """
            {"ID":"s1","Spec":{"Name":"prod-postgres",
              "Labels":{"dev.provision.swarm.name":"prod-postgres"},
              "TaskTemplate":{
                "ContainerSpec":{"Image":"pg:16","Env":["POSTGRES_PASSWORD=pw","A=b=c"],
                  "Mounts":[{"Type":"volume","Source":"pg","Target":"/d"}]},
                "Placement":{"Constraints":["node.labels.dev.provision.node.prod==data"]},
                "Networks":[{"Target":"net-id","Aliases":["postgres"]}]}}}
            """);
    HelperSpecs sibling = RemoteTasks.sibling(service, "x", List.of("true"), Map.of());
    assertThat(sibling.name()).matches("prod-postgres-x-[0-9a-f]{6}");
    assertThat(sibling.network()).isEqualTo("net-id");
    assertThat(sibling.spec().toString()).doesNotContain("Aliases");
    assertThat(sibling.constraints()).containsExactly("node.labels.dev.provision.node.prod==data");
    assertThat(sibling.mounts())
        .isEqualTo(
            SwarmApi.JSON.readTree(
                """
                [{"Type":"volume","Source":"pg","Target":"/d"},
                 {"Type":"volume","Source":"prod-postgres-scratch","Target":"/tmp",
                  "VolumeOptions":{"Labels":
                    {"dev.provision.swarm.helper":"prod-postgres-scratch"}}}]
                """));
    assertThat(RemoteTasks.env(service)).isEqualTo(Map.of("POSTGRES_PASSWORD", "pw", "A", "b=c"));
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            service.at("/Spec/TaskTemplate/ContainerSpec/Env"))
        .remove(0);
    assertThat(RemoteTasks.sibling(service, "f", List.of("true"), Map.of()).mounts()).hasSize(1);
    assertThat(RemoteTasks.alias(service)).isEqualTo("postgres");
  }

  @Test
  void aHelperRunIsPinnedByItsVolumesDeploymentLabelElseByTheNodeId() {
    HelperRun run =
        new HelperRun(
            "prod-restore",
            "backend:1",
            List.of("sh", "-c", "true"),
            Map.of("prod-data", "/convex/data"),
            Map.of(),
            null,
            null,
            null);
    Map<String, String> owned = Map.of(Labels.DEPLOYMENT, "prod");
    ObjectNode labelled = HelperRuns.spec(run, "node9", v -> Optional.of(owned)).spec();
    assertThat(labelled.at("/TaskTemplate/Placement/Constraints/0").asText())
        .isEqualTo("node.labels.dev.provision.node.prod==data");
    assertThat(labelled.at("/TaskTemplate/ContainerSpec/Mounts/0/VolumeOptions/Labels"))
        .isEqualTo(SwarmApi.labelsNode(owned));
    ObjectNode unknown = HelperRuns.spec(run, "node9", v -> Optional.empty()).spec();
    assertThat(unknown.at("/TaskTemplate/Placement/Constraints/0").asText())
        .isEqualTo("node.id==node9");
    assertThat(unknown.at("/TaskTemplate/ContainerSpec/Mounts/0").has("VolumeOptions")).isFalse();
  }
}
