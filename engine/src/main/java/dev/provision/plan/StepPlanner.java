package dev.provision.plan;

import dev.provision.model.Address;
import dev.provision.model.ReplaceOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns one change into its ordered steps, each with the action it runs (data, built by {@link
 * StepActions}) and its undo (or the reason it has none). Steps of one change depend on each other
 * in order; {@link DependencyWiring} adds the edges between changes.
 */
final class StepPlanner {
  private StepPlanner() {}

  static final String DATA_GONE = "deleted data cannot be brought back by the engine";
  static final String MIGRATES =
      "the new image may run forward-only migrations the old image cannot read: "
          + "restore from a backup taken before the apply (npx convex export)";

  /**
   * How a container replace will run, for the step text: the container's name, the order {@link
   * ReplaceOrder#of} chose from the observed and desired containers, and whether the Postgres
   * password in its data directory must change first (a new container would keep the old one).
   */
  record Replacing(String containerName, ReplaceOrder order, boolean setsPostgresPassword) {}

  /** {@code replacing} is given for a container update or replace, else null. */
  static List<PlannedStep> steps(
      Address a, Action action, Grade grade, Replacing replacing, StepActions.Facts f) {
    List<PlannedStep> out = new ArrayList<>();
    if (action == Action.ADOPT) {
      add(
          out,
          a,
          StepActions.adoptVolume(f),
          "check that the volume still exists and keep its data:",
          Undo.inverse("nothing to undo (the volume is not changed)"));
      return out;
    }
    switch (a.kind()) {
      case WRITER ->
          add(
              out,
              a,
              StepActions.stopWriter(f),
              "stop and set restart policy no on",
              Undo.inverse("start it again with its old restart policy"));
      case NETWORK ->
          single(
              out,
              f,
              action,
              new Side(StepActions::createNetwork, "create network", "remove the network"),
              new Side(StepActions::removeNetwork, "remove network", "re-create the network"));
      case VOLUME ->
          single(
              out,
              f,
              action,
              new Side(
                  StepActions::createVolume,
                  "create volume",
                  "remove the volume if this apply created it and it is unused"),
              new Side(StepActions::removeVolume, "remove volume and its data", null));
      case SECRET ->
          single(
              out,
              f,
              action,
              new Side(
                  StepActions::storeSecret,
                  "store the secret (0600 file)",
                  "restore the previous secrets file"),
              null);
      case DATABASE ->
          single(
              out,
              f,
              action,
              new Side(
                  StepActions::createDatabase,
                  "create the database",
                  "drop the database if this apply created it"),
              new Side(StepActions::dropDatabase, "drop the database", null));
      case ENV ->
          single(
              out,
              f,
              action,
              new Side(
                  StepActions::setEnv,
                  "set the deployment env var",
                  action == Action.CREATE ? "delete the variable" : "restore the previous value"),
              new Side(
                  StepActions::unsetEnv,
                  "remove the deployment env var",
                  "set the previous value again"));
      case FILE ->
          single(
              out,
              f,
              action,
              new Side(
                  StepActions::writeEnvFile,
                  "write the owned lines (0600)",
                  "restore the previous file content"),
              null);
      case CONTAINER -> container(out, a, action, grade, replacing, f);
      default -> throw new IllegalArgumentException("no steps for " + a);
    }
    return out;
  }

  /**
   * One way a resource of a kind changes: its action, its text and its inverse (null: none, data is
   * gone).
   */
  private record Side(Function<StepActions.Facts, StepAction> action, String text, String undo) {}

  private static void container(
      List<PlannedStep> out,
      Address a,
      Action action,
      Grade grade,
      Replacing replacing,
      StepActions.Facts f) {
    switch (action) {
      case CREATE -> {
        add(
            out,
            a,
            StepActions.ensureImage(f),
            "use the local image or pull it",
            Undo.inverse("nothing to undo (the image is kept)"));
        add(
            out,
            a,
            StepActions.startContainer(f),
            "create, start and wait until ready",
            Undo.inverse("stop and remove the container"));
      }
      case UPDATE, REPLACE -> {
        add(
            out,
            a,
            StepActions.ensureImage(f),
            "use the local image or pull it",
            Undo.inverse("nothing to undo (the image is kept)"));
        if (replacing != null && replacing.setsPostgresPassword()) {
          add(
              out,
              a,
              StepActions.setPostgresPassword(f),
              "set the new password in Postgres (ALTER ROLE through the container's local socket)",
              Undo.inverse("set the previous password again"));
        }
        Reversibility reversibility = reversibility(f.request().policy(), a, grade);
        add(
            out,
            a,
            StepActions.replaceContainer(f, reversibility),
            replaceText(replacing),
            reversibility == Reversibility.FORWARD_ONLY
                ? Undo.none(noUndo(grade))
                : Undo.inverse("stop the new container, then restore and start the previous one"));
      }
      case DELETE ->
          add(
              out,
              a,
              StepActions.removeContainer(f),
              "stop and remove the container",
              Undo.inverse("start the previous container again (kept until the apply completes)"));
      case NO_OP, ADOPT -> {}
    }
  }

  /**
   * Why a forward-only replace has no undo: each consequence that cannot be undone, in the policy's
   * words (an image upgrade's migrations, a rotated secret, or both).
   */
  static String noUndo(Grade grade) {
    List<String> why =
        grade.consequences().stream()
            .filter(c -> c.risk() == Risk.IRREVERSIBLE)
            .map(Consequence::text)
            .toList();
    return why.isEmpty() ? MIGRATES : String.join("; and ", why);
  }

  /** A replace the policy says has no undo (an image upgrade that migrates) is forward-only. */
  static Reversibility reversibility(DeploymentPolicy policy, Address a, Grade grade) {
    return policy.replaceHasNoUndo(a, grade)
        ? Reversibility.FORWARD_ONLY
        : Reversibility.REVERSIBLE;
  }

  /** What a replace does, in the order it does it. */
  private static String replaceText(Replacing replacing) {
    String prev =
        replacing == null ? "the old one" : "kept as " + replacing.containerName() + "-prev";
    if (replacing == null || replacing.order() == ReplaceOrder.STOP_FIRST) {
      return "stop the old container ("
          + prev
          + " until the apply completes), start the new one, wait until ready";
    }
    return "start the new container beside the old one, wait until ready, then stop the old one ("
        + prev
        + " until the apply completes)";
  }

  /** {@code delete} null: the kind is never deleted. */
  private static void single(
      List<PlannedStep> out, StepActions.Facts f, Action action, Side create, Side delete) {
    Address a = f.address();
    switch (action) {
      case CREATE, UPDATE, REPLACE, ADOPT ->
          add(out, a, create.action().apply(f), create.text(), Undo.inverse(create.undo()));
      case DELETE -> {
        if (delete == null) {
          throw new IllegalArgumentException("cannot delete " + a);
        }
        add(
            out,
            a,
            delete.action().apply(f),
            delete.text(),
            delete.undo() == null ? Undo.none(DATA_GONE) : Undo.inverse(delete.undo()));
      }
      case NO_OP -> {}
    }
  }

  private static void add(
      List<PlannedStep> out, Address a, StepAction action, String text, Undo undo) {
    List<String> deps = out.isEmpty() ? List.of() : List.of(out.get(out.size() - 1).id());
    out.add(new PlannedStep(a + "/" + action.verb(), action, a, deps, text + " " + a, undo));
  }
}
