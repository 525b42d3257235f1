package dev.provision.cli.view;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.SourcePosition;
import dev.provision.model.Address;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Drift;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Risk;
import java.util.ArrayList;
import java.util.List;

/** Plans built by hand for the view tests, one per golden scenario. */
final class PlanFixtures {
  /** Every secret text used below; none may appear in any view output. */
  static final List<String> SECRETS =
      List.of(
          "4f1c9e0a7b3d5e8f2a6c4b1d9e7f3a5c8b2d6e4f1a9c7b3d5e8f2a6c4b1d9e7f",
          "pg-password-Zq81xK",
          "pg-password-rotated-M3vA9",
          "s3-secret-key-Wd72Lp",
          "drifted-secret-Hh55");

  private static final String BACKEND =
      "ghcr.io/get-convex/convex-backend:" + "94a42c3d4b1e0f8a7c6d5e4f3a2b1c0d9e8f7a6b";
  private static final String DASHBOARD =
      "ghcr.io/get-convex/convex-dashboard:" + "94a42c3d4b1e0f8a7c6d5e4f3a2b1c0d9e8f7a6b";

  private PlanFixtures() {}

  static Plan empty() {
    return new Plan(
        1,
        "convex-prod",
        "specs/prod.yaml",
        "target ssh://deploy@10.0.0.5",
        List.of(),
        List.of(),
        List.of());
  }

  static Plan createEverything() {
    List<Change> changes =
        List.of(
            create(
                "network.convex",
                "safe",
                List.of(attr("name", null, "convex-prod")),
                step(
                    "network.convex/create",
                    "create-network",
                    "network.convex",
                    List.of(),
                    "remove the network",
                    null)),
            create(
                "volume.data",
                "safe",
                List.of(attr("mount", null, "/convex/data")),
                step(
                    "volume.data/create",
                    "create-volume",
                    "volume.data",
                    List.of(),
                    "remove the empty volume",
                    null)),
            create(
                "secret.instance_secret",
                "safe",
                List.of(new AttributeChange("value", null, Value.secret(SECRETS.get(0)))),
                step(
                    "secret.instance_secret/generate",
                    "generate-secret",
                    "secret.instance_secret",
                    List.of(),
                    "forget the generated secret",
                    null)),
            new Change(
                Address.parse("container.backend"),
                Action.CREATE,
                List.of(
                    attr("image", null, BACKEND),
                    attr("env.RUST_LOG", null, "info"),
                    attr("ports.3210", null, "127.0.0.1:3210"),
                    new AttributeChange("env.INSTANCE_SECRET", null, Value.secret(SECRETS.get(0)))),
                "not running yet",
                Risk.SAFE,
                List.of(),
                List.of(
                    step(
                        "container.backend/create",
                        "create-container",
                        "container.backend",
                        List.of("network.convex/create", "volume.data/create"),
                        "stop and remove",
                        null),
                    step(
                        "container.backend/start",
                        "start-container",
                        "container.backend",
                        List.of("container.backend/create"),
                        "stop",
                        null))),
            create(
                "container.dashboard",
                "safe",
                List.of(attr("image", null, DASHBOARD)),
                step(
                    "container.dashboard/start",
                    "start-container",
                    "container.dashboard",
                    List.of("container.backend/start"),
                    "stop and remove",
                    null)));
    return new Plan(1, "convex-prod", "specs/prod.yaml", "empty", changes, List.of(), List.of());
  }

  static Plan mixed() {
    List<Change> changes = new ArrayList<>();
    changes.add(
        new Change(
            Address.parse("container.backend"),
            Action.UPDATE,
            List.of(attr("env.RUST_LOG", "info", "debug")),
            "spec sets env.RUST_LOG",
            Risk.RESTART,
            List.of(Consequence.of(Risk.RESTART, "the backend restarts; clients reconnect")),
            List.of(
                step(
                    "container.backend/recreate",
                    "recreate-container",
                    "container.backend",
                    List.of(),
                    "recreate with the previous settings",
                    null))));
    changes.add(
        new Change(
            Address.parse("container.dashboard"),
            Action.REPLACE,
            List.of(
                attr("image", DASHBOARD, DASHBOARD.replace("94a42c3d", "a1b2c3d4")),
                attr("ports.6791", "127.0.0.1:6791", "127.0.0.1:6792")),
            "image and port change",
            Risk.DOWNTIME,
            List.of(
                Consequence.of(Risk.DOWNTIME, "the dashboard is unavailable for a few seconds")),
            List.of(
                step(
                    "container.dashboard/create-new",
                    "create-container",
                    "container.dashboard",
                    List.of(),
                    "remove the new container",
                    null),
                step(
                    "container.dashboard/cut-over",
                    "cut-over",
                    "container.dashboard",
                    List.of("container.dashboard/create-new"),
                    "restart the old container",
                    null),
                step(
                    "container.dashboard/remove-old",
                    "remove-container",
                    "container.dashboard",
                    List.of("container.dashboard/cut-over"),
                    null,
                    "the old container is gone; apply the previous spec to get it back"))));
    changes.add(
        new Change(
            Address.parse("env.LEGACY_FLAG"),
            Action.DELETE,
            List.of(attr("value", "on", null)),
            "no longer in the spec",
            Risk.SAFE,
            List.of(),
            List.of(
                step(
                    "env.LEGACY_FLAG/unset",
                    "unset-env",
                    "env.LEGACY_FLAG",
                    List.of(),
                    "set it back to \"on\"",
                    null))));
    changes.add(
        new Change(
            Address.parse("secret.postgres_password"),
            Action.UPDATE,
            List.of(
                new AttributeChange(
                    "value", Value.secret(SECRETS.get(1)), Value.secret(SECRETS.get(2)))),
            "the spec asks to rotate the password",
            Risk.RESTART,
            List.of(
                Consequence.of(
                    Risk.RESTART, "the backend reconnects to Postgres with the new password")),
            List.of(
                step(
                    "secret.postgres_password/rotate",
                    "rotate-password",
                    "secret.postgres_password",
                    List.of(),
                    "set the previous password",
                    null))));
    changes.add(
        create(
            "env.S3_SECRET_ACCESS_KEY",
            "safe",
            List.of(new AttributeChange("value", null, Value.secret(SECRETS.get(3)))),
            step(
                "env.S3_SECRET_ACCESS_KEY/set",
                "set-env",
                "env.S3_SECRET_ACCESS_KEY",
                List.of(),
                "unset it",
                null)));
    List<Drift> drift =
        List.of(
            new Drift(
                Address.parse("container.backend"),
                List.of(
                    attr("env.DEBUG", null, "1"),
                    new AttributeChange(
                        "env.AWS_SECRET", Value.secret("x"), Value.secret(SECRETS.get(4)))),
                "changed by hand since the last apply"));
    Diagnostic warning =
        Diagnostic.warning(
                new SourcePosition("specs/prod.yaml", 12, 7),
                "backend.image",
                "the image tag :latest moves between releases")
            .withExpected("a tag pinned to a 40-character git SHA")
            .withFound("ghcr.io/get-convex/convex-backend:latest")
            .withHint("pin the SHA so backend and dashboard stay at the same version");
    return new Plan(
        1,
        "convex-prod",
        "specs/prod.yaml",
        "target ssh://deploy@10.0.0.5",
        changes,
        drift,
        List.of(warning));
  }

  static Plan dangerous() {
    List<Change> changes =
        List.of(
            new Change(
                Address.parse("volume.data"),
                Action.REPLACE,
                List.of(attr("driver", "local", "nfs")),
                "the volume driver changes",
                Risk.DATA_LOSS,
                List.of(
                    Consequence.of(
                        Risk.DATA_LOSS,
                        "every table, file and credential in /convex/data is lost "
                            + "unless exported first (npx convex export)")),
                List.of(
                    step(
                        "volume.data/remove",
                        "remove-volume",
                        "volume.data",
                        List.of(),
                        null,
                        "back up with npx convex export first"),
                    step(
                        "volume.data/create",
                        "create-volume",
                        "volume.data",
                        List.of("volume.data/remove"),
                        "remove the empty volume",
                        null))),
            new Change(
                Address.parse("container.backend"),
                Action.UPDATE,
                List.of(attr("image", BACKEND, BACKEND.replace("94a42c3d", "c0ffee00"))),
                "a newer backend <release> | runs migrations",
                Risk.IRREVERSIBLE,
                List.of(
                    new Consequence(
                        Risk.IRREVERSIBLE,
                        "database migrations run on start and cannot be rolled back",
                        "back up first (npx convex export)"),
                    new Consequence(
                        Risk.DATA_LOSS,
                        "switching between SQLite and Postgres starts on an empty database",
                        "export first (npx convex export), import after"),
                    Consequence.of(Risk.RESTART, "the backend restarts")),
                List.of(
                    step(
                        "container.backend/upgrade",
                        "recreate-container",
                        "container.backend",
                        List.of(),
                        null,
                        "back up first; migrations cannot be undone"))));
    return new Plan(
        1,
        "convex-prod",
        "specs/prod.yaml",
        "target ssh://deploy@10.0.0.5",
        changes,
        List.of(),
        List.of());
  }

  /** Enough env-var changes that the Markdown view needs three parts. */
  static Plan huge() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 420; i++) {
      String name = String.format("env.FEATURE_FLAG_%03d", i);
      changes.add(
          new Change(
              Address.parse(name),
              Action.UPDATE,
              List.of(attr("value", "off", "on")),
              "spec sets " + name,
              Risk.SAFE,
              List.of(),
              List.of(
                  step(
                      name + "/set", "set-env", name, List.of(), "set it back to \"off\"", null))));
    }
    return new Plan(
        1,
        "convex-prod",
        "specs/prod.yaml",
        "target ssh://deploy@10.0.0.5",
        changes,
        List.of(),
        List.of());
  }

  /** A plan made after a kill -9: see {@link RecoveringPlanFixture}. */
  static Plan recovering() {
    return RecoveringPlanFixture.plan();
  }

  static Change create(
      String address, String risk, List<AttributeChange> attributes, PlannedStep step) {
    return new Change(
        Address.parse(address),
        Action.CREATE,
        attributes,
        "not present yet",
        Risk.valueOf(risk.toUpperCase(java.util.Locale.ROOT)),
        List.of(),
        List.of(step));
  }

  private static AttributeChange attr(String path, String before, String after) {
    return new AttributeChange(
        path,
        before == null ? null : Value.plain(before),
        after == null ? null : Value.plain(after));
  }

  static PlannedStep step(
      String id,
      String verb,
      String address,
      List<String> dependsOn,
      String undo,
      String undoNote) {
    return PlannedStep.recorded(
        id,
        verb,
        Address.parse(address),
        dependsOn,
        verb.replace('-', ' ') + " " + address,
        undo,
        undoNote);
  }
}
