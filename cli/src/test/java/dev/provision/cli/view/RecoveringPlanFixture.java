package dev.provision.cli.view;

import dev.provision.model.Address;
import dev.provision.model.Value;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Recovery;
import dev.provision.plan.RecoveryAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The view tests' plan made after an interrupted apply (its own file: the recovery section). */
final class RecoveringPlanFixture {
  private RecoveringPlanFixture() {}

  /**
   * A plan made after a kill -9: the dashboard's replace is put back, the backend's image upgrade
   * finished, then one change (a secret env var, masked) converges the rest.
   */
  static Plan plan() {
    Address backend = Address.parse("container.backend");
    Address dashboard = Address.parse("container.dashboard");
    RecoveryAction putBack =
        new RecoveryAction(
            dashboard,
            "convex-prod-dashboard",
            RecoveryAction.Direction.PUT_BACK,
            List.of("convex-prod-dashboard-next"),
            Optional.empty(),
            Optional.of("convex-prod-dashboard-prev"),
            Optional.of("unless-stopped"),
            true,
            Optional.of(Address.parse("container.dashboard-prev")),
            PlannedStep.recorded(
                "container.dashboard/recover-container",
                "recover-container",
                dashboard,
                List.of(),
                "put back the old convex-prod-dashboard",
                null,
                "the old container is back as it was; nothing to undo"));
    RecoveryAction finish =
        new RecoveryAction(
            backend,
            "convex-prod-backend",
            RecoveryAction.Direction.FINISH,
            List.of(),
            Optional.of("convex-prod-backend"),
            Optional.of("convex-prod-backend-next"),
            Optional.of("unless-stopped"),
            true,
            Optional.of(Address.parse("container.backend-next")),
            PlannedStep.recorded(
                "container.backend/finish-replace",
                "finish-replace",
                backend,
                List.of("container.dashboard/recover-container"),
                "keep the new convex-prod-backend",
                null,
                "the new image may have migrated the data: restore a backup to go back"));
    Recovery recovery =
        new Recovery(
            Optional.of("7e2f9c41-3b8d-4a6e-9f10-5c2d8b7a1e63"),
            Optional.of(Instant.parse("2026-11-27T10:00:00Z")),
            Optional.of("container.backend/replace-container"),
            Optional.of("deploy@ci-runner-3 (pid 4242, provision apply specs/prod.yaml --yes)"),
            List.of(putBack, finish));
    Change secretEnv =
        PlanFixtures.create(
            "env.S3_SECRET_ACCESS_KEY",
            "safe",
            List.of(new AttributeChange("value", null, Value.secret(PlanFixtures.SECRETS.get(3)))),
            PlanFixtures.step(
                "env.S3_SECRET_ACCESS_KEY/set",
                "set-env",
                "env.S3_SECRET_ACCESS_KEY",
                List.of("container.backend/finish-replace"),
                "unset the env var",
                null));
    return new Plan(
        1,
        "convex-prod",
        "specs/prod.yaml",
        "target ssh://deploy@10.0.0.5",
        List.of(secretEnv),
        List.of(),
        List.of(),
        Optional.of(recovery));
  }
}
