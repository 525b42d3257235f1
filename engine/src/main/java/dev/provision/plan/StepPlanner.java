package dev.provision.plan;

import dev.provision.model.Address;
import dev.provision.model.ReplaceOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one change into its ordered steps, each with its undo (or the reason it has none). Steps of
 * one change depend on each other in order; {@link DependencyWiring} adds the edges between
 * changes.
 */
final class StepPlanner {
  private StepPlanner() {}

  /**
   * How a container replace will run, for the step text: the container's name, the order {@link
   * ReplaceOrder#of} chose from the observed and desired containers, and whether the Postgres
   * password in its data directory must change first (a new container would keep the old one).
   */
  record Replacing(String containerName, ReplaceOrder order, boolean setsPostgresPassword) {}

  static List<PlannedStep> steps(Address a, Action action, Grade grade) {
    return steps(a, action, grade, null);
  }

  /** {@code replacing} is given for a container update or replace, else null. */
  static List<PlannedStep> steps(Address a, Action action, Grade grade, Replacing replacing) {
    List<PlannedStep> out = new ArrayList<>();
    if (action == Action.ADOPT) {
      add(
          out,
          a,
          Verbs.ADOPT_VOLUME,
          "check that the volume still exists and keep its data:",
          "nothing to undo (the volume is not changed)",
          null);
      return out;
    }
    switch (a.kind()) {
      case WRITER ->
          add(
              out,
              a,
              Verbs.STOP_WRITER,
              "stop and set restart policy no on",
              "start it again with its old restart policy",
              null);
      case NETWORK ->
          single(
              out,
              a,
              action,
              Verbs.CREATE_NETWORK,
              "create network",
              "remove the network",
              Verbs.REMOVE_NETWORK,
              "remove network",
              "re-create the network");
      case VOLUME ->
          single(
              out,
              a,
              action,
              Verbs.CREATE_VOLUME,
              "create volume",
              "remove the volume if this apply created it and it is unused",
              Verbs.REMOVE_VOLUME,
              "remove volume and its data",
              null);
      case SECRET ->
          single(
              out,
              a,
              action,
              Verbs.STORE_SECRET,
              "store the secret (0600 file)",
              "restore the previous secrets file",
              null,
              null,
              null);
      case DATABASE ->
          single(
              out,
              a,
              action,
              Verbs.CREATE_DATABASE,
              "create the database",
              "drop the database if this apply created it",
              Verbs.DROP_DATABASE,
              "drop the database",
              null);
      case ENV ->
          single(
              out,
              a,
              action,
              Verbs.SET_ENV,
              "set the deployment env var",
              action == Action.CREATE ? "delete the variable" : "restore the previous value",
              Verbs.UNSET_ENV,
              "remove the deployment env var",
              "set the previous value again");
      case FILE ->
          single(
              out,
              a,
              action,
              Verbs.WRITE_FILE,
              "write the owned lines (0600)",
              "restore the previous file content",
              null,
              null,
              null);
      case CONTAINER -> container(out, a, action, grade, replacing);
      default -> throw new IllegalArgumentException("no steps for " + a);
    }
    return out;
  }

  private static void container(
      List<PlannedStep> out, Address a, Action action, Grade grade, Replacing replacing) {
    switch (action) {
      case CREATE -> {
        add(
            out,
            a,
            Verbs.ENSURE_IMAGE,
            "use the local image or pull it",
            "nothing to undo (the image is kept)",
            null);
        add(
            out,
            a,
            Verbs.START_CONTAINER,
            "create, start and wait until ready",
            "stop and remove the container",
            null);
      }
      case UPDATE, REPLACE -> {
        add(
            out,
            a,
            Verbs.ENSURE_IMAGE,
            "use the local image or pull it",
            "nothing to undo (the image is kept)",
            null);
        if (replacing != null && replacing.setsPostgresPassword()) {
          add(
              out,
              a,
              Verbs.SET_POSTGRES_PASSWORD,
              "set the new password in Postgres (ALTER ROLE through the container's local socket)",
              "set the previous password again",
              null);
        }
        boolean migrates = grade.risk() == Risk.IRREVERSIBLE && a.name().equals("backend");
        add(
            out,
            a,
            Verbs.REPLACE_CONTAINER,
            replaceText(replacing),
            migrates ? null : "stop the new container, then restore and start the previous one",
            migrates
                ? "the new image may run forward-only migrations the old image cannot read: "
                    + "restore from a backup taken before the apply (npx convex export)"
                : null);
      }
      case DELETE ->
          add(
              out,
              a,
              Verbs.REMOVE_CONTAINER,
              "stop and remove the container",
              "start the previous container again (kept until the apply completes)",
              null);
      case NO_OP, ADOPT -> {}
    }
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

  private static void single(
      List<PlannedStep> out,
      Address a,
      Action action,
      String createVerb,
      String createText,
      String createUndo,
      String deleteVerb,
      String deleteText,
      String deleteUndo) {
    switch (action) {
      case CREATE, UPDATE, REPLACE, ADOPT -> add(out, a, createVerb, createText, createUndo, null);
      case DELETE -> {
        if (deleteVerb == null) {
          throw new IllegalArgumentException("cannot delete " + a);
        }
        add(
            out,
            a,
            deleteVerb,
            deleteText,
            deleteUndo,
            deleteUndo == null ? "deleted data cannot be brought back by the engine" : null);
      }
      case NO_OP -> {}
    }
  }

  private static void add(
      List<PlannedStep> out, Address a, String verb, String text, String undo, String note) {
    List<String> deps = out.isEmpty() ? List.of() : List.of(out.get(out.size() - 1).id());
    out.add(new PlannedStep(a + "/" + verb, verb, a, deps, text + " " + a, undo, note));
  }
}
