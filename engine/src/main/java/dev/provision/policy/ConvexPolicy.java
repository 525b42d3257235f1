package dev.provision.policy;

import static dev.provision.plan.AttributeDiff.touches;

import dev.provision.desired.Names;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.DeploymentPolicy;
import dev.provision.plan.Grade;
import dev.provision.plan.Risk;
import dev.provision.plan.StepAction;
import java.util.List;

/**
 * What the planner needs to know about a self-hosted Convex deployment: the consequences of each
 * change in Convex terms ({@link ConvexRisk}), the order its parts start in (network, volumes and
 * secrets, then Postgres, then the database, then the backend and the dashboard side by side, then
 * what talks to the backend), and the two replacements that touch data: a new managed Postgres
 * password and a backend image upgrade (forward-only migrations). The one place this knowledge
 * lives; the planner itself is generic.
 */
public final class ConvexPolicy implements DeploymentPolicy {
  private static final ConvexPolicy INSTANCE = new ConvexPolicy();

  /** Public for the service loader that bridges callers not yet passing a policy. */
  public ConvexPolicy() {}

  /** The policy (it holds no state). */
  public static ConvexPolicy instance() {
    return INSTANCE;
  }

  @Override
  public Grade grade(Address address, Action action, List<AttributeChange> diff) {
    return ConvexRisk.grade(address, action, diff);
  }

  @Override
  public int rank(Address a) {
    return switch (a.kind()) {
      case NETWORK, VOLUME, SECRET, WRITER -> 0;
      case CONTAINER -> container(a.name());
      case DATABASE -> 2;
      default -> 4; // env, file: need a running backend
    };
  }

  /**
   * Only containers (the proxy routes to the dashboard) wait for the dashboard: deployment env vars
   * and the app's env file need the backend alone.
   */
  @Override
  public boolean waitsFor(Address then, Address first) {
    return !isDashboard(first) || then.kind() == Address.Kind.CONTAINER;
  }

  private static boolean isDashboard(Address a) {
    return a.kind() == Address.Kind.CONTAINER && a.name().startsWith(Names.DASHBOARD.name());
  }

  private static int container(String name) {
    if (name.equals(Names.POSTGRES_CONTAINER.name())) {
      return 1;
    }
    // the backend, and a backend left over from an interrupted replace; the dashboard beside it,
    // as docker-compose starts them: it is a web app whose readiness (GET /) needs no backend (the
    // browser talks to the backend), so waiting for the backend's readiness first only adds the
    // dashboard's own start-up to every apply; the check after apply still asks both
    return name.startsWith(Names.BACKEND.name()) || name.startsWith(Names.DASHBOARD.name()) ? 3 : 4;
  }

  @Override
  public boolean changesDataPassword(ContainerResource before, ContainerResource after) {
    return PostgresPassword.changes(before, after);
  }

  @Override
  public StepAction.SetPostgresPassword dataPasswordChange(
      ContainerResource before, ContainerResource after) {
    return new StepAction.SetPostgresPassword(
        before.name(),
        after.env().get(PostgresPassword.USER).text(),
        after.env().get(PostgresPassword.ENV),
        before.env().get(PostgresPassword.ENV));
  }

  /** A backend image upgrade: the new image may already have migrated the data. */
  @Override
  public boolean migratesData(Address address, List<AttributeChange> diff) {
    return address.name().equals(Names.BACKEND.name()) && touches(diff, "image");
  }

  /** An irreversible backend replace: an image upgrade, or a rotated instance secret. */
  @Override
  public boolean replaceHasNoUndo(Address address, Grade grade) {
    return grade.risk() == Risk.IRREVERSIBLE && address.name().equals(Names.BACKEND.name());
  }
}
