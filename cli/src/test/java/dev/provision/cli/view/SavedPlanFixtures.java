package dev.provision.cli.view;

import dev.provision.model.Address;
import dev.provision.model.EnvVarResource;
import dev.provision.model.SecretKind;
import dev.provision.model.SecretResource;
import dev.provision.model.Value;
import dev.provision.plan.Change;
import dev.provision.plan.ObservedFacts;
import dev.provision.plan.Plan;
import dev.provision.plan.PlanSource;
import dev.provision.plan.SavedPlan;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A saved plan (format 2) built by hand: the mixed plan with a source, observations and sides. */
final class SavedPlanFixtures {
  private SavedPlanFixtures() {}

  static SavedPlan mixed() {
    Plan plan = PlanFixtures.mixed();
    List<Change> changes =
        plan.changes().stream()
            .map(
                c ->
                    switch (c.address().toString()) {
                      case "secret.postgres_password" ->
                          c.withResources(
                              Optional.of(
                                  new SecretResource(
                                      SecretKind.POSTGRES_PASSWORD,
                                      Value.secret(PlanFixtures.SECRETS.get(1)))),
                              Optional.of(
                                  new SecretResource(
                                      SecretKind.POSTGRES_PASSWORD,
                                      Value.secret(PlanFixtures.SECRETS.get(2)))));
                      case "env.LEGACY_FLAG" ->
                          c.withResources(
                              Optional.of(
                                  new EnvVarResource(
                                      Address.parse("env.LEGACY_FLAG"),
                                      "LEGACY_FLAG",
                                      Value.plain("1"))),
                              Optional.empty());
                      default -> c;
                    })
            .toList();
    Plan typed =
        new Plan(
            plan.formatVersion(),
            plan.deployment(),
            plan.spec(),
            plan.against(),
            changes,
            plan.drift(),
            plan.warnings(),
            plan.recovery());
    PlanSource source =
        new PlanSource(
            "specs/app.yaml",
            List.of(
                new PlanSource.SourceFile(
                    "specs/app.yaml",
                    "5d41402abc4b2a76b9719d911017c592aaf1b1f1c7d8e3a0c2b1d0e9f8a7b6c5"),
                new PlanSource.SourceFile(
                    "specs/base.yaml",
                    "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0")),
            List.of("backend.image=${env:BACKEND_IMAGE}"));
    TreeMap<String, ObservedFacts.ContainerFacts> containers = new TreeMap<>();
    containers.put(
        "container.backend",
        new ObservedFacts.ContainerFacts(
            "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8",
            "sha256:aa11bb22cc33dd44ee55ff6677889900aa11bb22cc33dd44ee55ff6677889900",
            "v2:0123456789abcdef0123456789abcdef"));
    TreeMap<String, String> images = new TreeMap<>();
    images.put(
        "ghcr.io/get-convex/convex-backend:1",
        "sha256:aa11bb22cc33dd44ee55ff6677889900aa11bb22cc33dd44ee55ff6677889900");
    images.put("ghcr.io/get-convex/convex-dashboard:1", ObservedFacts.ABSENT);
    TreeMap<String, String> volumes = new TreeMap<>();
    volumes.put("app-data", "20260101T000000Z-abcd");
    TreeMap<String, String> secrets = new TreeMap<>();
    secrets.put("secret.instance", ObservedFacts.GENERATED);
    secrets.put("secret.postgres-password", "hmac:" + "ab".repeat(32));
    TreeMap<String, String> databases = new TreeMap<>();
    databases.put("database.postgres", "16384");
    ObservedFacts facts =
        new ObservedFacts(containers, images, volumes, Optional.of("1.2.3"), secrets, databases);
    return SavedPlan.of(typed, Optional.of(source), "docker unix:///var/run/docker.sock", facts);
  }
}
