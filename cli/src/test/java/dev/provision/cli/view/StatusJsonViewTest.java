package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.live.ObservedResource;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.VolumeResource;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code provision status --json}: state and health per container. */
class StatusJsonViewTest {
  private static ContainerResource container(String role) {
    return new ContainerResource(
        Address.of(Address.Kind.CONTAINER, role),
        "demo-" + role,
        "img/" + role + ":1",
        new TreeMap<>(),
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        "unless-stopped",
        null,
        10,
        null,
        List.of(),
        null);
  }

  @Test
  void eachContainerHasItsStateAndHealth() {
    List<ObservedResource> resources =
        List.of(
            new ObservedResource(
                container("backend"), new RuntimeStatus(true, null, "healthy"), null),
            new ObservedResource(container("dashboard"), new RuntimeStatus(false, 1, null), null),
            new ObservedResource(
                container("postgres"), new RuntimeStatus(true, null, "starting"), null),
            ObservedResource.of(new VolumeResource(Address.parse("volume.data"), "demo-data")));
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("instance secret", "secrets file");
    Plan plan =
        new Plan(
            1,
            "demo",
            "demo.yaml",
            "docker",
            List.of(),
            List.of(
                new Drift(
                    Address.parse("container.dashboard"),
                    List.of(),
                    "stopped outside provision (exit code 1)")),
            List.of());

    assertThat(
            StatusJsonView.render(
                "demo", "local Docker", resources, sources, plan, Optional.empty()))
        .isEqualTo(
            """
            {
              "format": 1,
              "deployment": "demo",
              "target": "local Docker",
              "resources": [
                {
                  "address": "container.backend",
                  "state": "running",
                  "exitCode": null,
                  "health": "healthy",
                  "image": "img/backend:1"
                },
                {
                  "address": "container.dashboard",
                  "state": "stopped",
                  "exitCode": 1,
                  "health": null,
                  "image": "img/dashboard:1"
                },
                {
                  "address": "container.postgres",
                  "state": "running",
                  "exitCode": null,
                  "health": "starting",
                  "image": "img/postgres:1"
                },
                {
                  "address": "volume.data"
                }
              ],
              "secrets": {
                "instance secret": "secrets file"
              },
              "drift": [
                {
                  "address": "container.dashboard",
                  "note": "stopped outside provision (exit code 1)"
                }
              ],
              "lock": null,
              "blocked": null,
              "pending": {
                "changes": 0,
                "highestRisk": null
              }
            }
            """);
  }

  @Test
  void aSwarmServiceNamesItsNode() {
    List<ObservedResource> resources =
        List.of(
            new ObservedResource(
                container("backend"),
                new RuntimeStatus(true, null, null, Optional.of("data-1")),
                null));
    Plan plan = new Plan(1, "demo", "demo.yaml", "swarm", List.of(), List.of(), List.of());

    assertThat(
            StatusJsonView.render(
                "demo", "swarm (local)", resources, Map.of(), plan, Optional.empty()))
        .contains(
            """
                {
                  "address": "container.backend",
                  "state": "running",
                  "exitCode": null,
                  "health": null,
                  "image": "img/backend:1",
                  "node": "data-1"
                }
            """);
  }

  @Test
  void aBlockedPlanSaysWhatBlocksItAndWhatToDo() {
    Plan plan =
        new Plan(
            1,
            "demo",
            "demo.yaml",
            "swarm",
            List.of(),
            List.of(),
            List.of(
                Diagnostic.warning(null, null, "a note only"),
                Diagnostic.error(null, "target.swarm.node", "the data node `n1` is down")
                    .withHint("bring the node back, then run apply")));

    assertThat(
            StatusJsonView.render(
                "demo", "swarm (local)", List.of(), Map.of(), plan, Optional.empty()))
        .contains(
            """
              "lock": null,
              "blocked": {
                "message": "the data node `n1` is down",
                "hint": "bring the node back, then run apply"
              },
            """);
  }
}
