package dev.provision.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.Address;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Recovery;
import dev.provision.plan.RecoveryAction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The interrupted-apply section of a text plan, exactly. */
class RecoveryTextTest {
  private static final Address BACKEND = Address.parse("container.backend");

  private static Plan plan(RecoveryAction action) {
    Recovery r =
        new Recovery(
            Optional.of("a1b2c3d4-e5f6"),
            Optional.of(Instant.parse("2026-11-27T10:00:00Z")),
            Optional.of("container.backend/replace-container"),
            Optional.of("alice@build-1 (pid 42, provision apply SPEC --yes)"),
            List.of(action));
    return new Plan(
        1, "demo", "demo.yaml", "docker", List.of(), List.of(), List.of(), Optional.of(r));
  }

  @Test
  void aHalfDoneReplaceIsPutBackFirst() {
    RecoveryAction putBack =
        new RecoveryAction(
            BACKEND,
            "demo-backend",
            RecoveryAction.Direction.PUT_BACK,
            List.of("demo-backend-next"),
            Optional.empty(),
            Optional.of("demo-backend-prev"),
            Optional.of("unless-stopped"),
            true,
            Optional.of(Address.parse("container.backend-prev")),
            PlannedStep.recorded(
                "container.backend/recover-container",
                "recover-container",
                BACKEND,
                List.of(),
                "put back",
                "nothing to undo",
                null));
    assertThat(PlanTextView.render(plan(putBack), false))
        .isEqualTo(
            "Plan for deployment \"demo\": demo.yaml against docker.\n"
                + "\n"
                + "An apply was interrupted at 2026-11-27T10:00:00Z"
                + " (container.backend/replace-container): apply will first put back:\n"
                + "  (run by alice@build-1 (pid 42, provision apply SPEC --yes))\n"
                + "  container.backend: put back the old demo-backend (remove demo-backend-next,"
                + " rename demo-backend-prev to demo-backend, restart policy unless-stopped,"
                + " start it and wait until ready)\n"
                + "  What it completed that is harmless (networks, volumes, stored secrets, env"
                + " vars, the database) stays; the changes below converge from there.\n"
                + "\n"
                + "Plan: recover from the interrupted apply; no other change.\n");
  }

  @Test
  void aHalfDoneBackendUpgradeIsFinishedWithNoUndo() {
    RecoveryAction finish =
        new RecoveryAction(
            BACKEND,
            "demo-backend",
            RecoveryAction.Direction.FINISH,
            List.of(),
            Optional.of("demo-backend"),
            Optional.of("demo-backend-next"),
            Optional.of("unless-stopped"),
            true,
            Optional.of(Address.parse("container.backend-next")),
            PlannedStep.recorded(
                "container.backend/finish-replace",
                "finish-replace",
                BACKEND,
                List.of(),
                "finish",
                null,
                "restore from a backup"));
    assertThat(PlanTextView.render(plan(finish), false))
        .contains(
            "An apply was interrupted at 2026-11-27T10:00:00Z"
                + " (container.backend/replace-container): apply will first finish:\n")
        .contains(
            "  container.backend: keep the new demo-backend: a backend image upgrade is not rolled"
                + " back, the new image may already have migrated the data (stop demo-backend and"
                + " rename it demo-backend-prev, rename demo-backend-next to demo-backend, restart"
                + " policy unless-stopped, start it and wait until ready, remove demo-backend-prev"
                + " when the apply completes)\n"
                + "    no undo: restore from a backup\n");
  }
}
