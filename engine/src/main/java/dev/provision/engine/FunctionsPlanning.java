package dev.provision.engine;

import dev.provision.functions.FunctionsHash;
import dev.provision.functions.FunctionsState;
import dev.provision.functions.FunctionsTools;
import dev.provision.model.Address;
import dev.provision.model.Spec;
import dev.provision.plan.Action;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Grade;
import dev.provision.plan.Plan;
import dev.provision.plan.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Adds {@code functions.deploy} to a plan when the app's functions differ from the last successful
 * push the deployment remembers ({@link FunctionsState}), and never otherwise. The change has no
 * executor steps: apply runs the push after every step committed ({@link FunctionsPush}).
 */
final class FunctionsPlanning {
  /** The address plans show: {@code functions.deploy}. */
  static final Address ADDRESS = Address.of(Address.Kind.FUNCTIONS, "deploy");

  static final Consequence NO_UNDO =
      new Consequence(
          Risk.IRREVERSIBLE,
          "functions have no undo; a failed push keeps the previous functions",
          "keep the app under version control: pushing an older commit brings old functions back");

  private FunctionsPlanning() {}

  /**
   * The plan with the push added when needed.
   *
   * @param env the deployment env vars as read; empty when they could not be read (no backend yet)
   * @param needsTools true for plan and apply, which refuse when {@code node} or {@code npx} is
   *     missing; false for status and doctor, which only report
   */
  static Plan add(
      Plan plan,
      Spec spec,
      Optional<SortedMap<String, String>> env,
      Map<String, String> environ,
      boolean needsTools) {
    if (spec.functions().isEmpty()) {
      return plan;
    }
    if (needsTools) {
      FunctionsTools.check(environ);
    }
    String now = FunctionsHash.of(spec.functions().get().dir());
    Optional<FunctionsState> deployed = env.flatMap(FunctionsState::from);
    Optional<String> reason = reason(deployed, now);
    if (reason.isEmpty()) {
      return plan;
    }
    Change change =
        new Change(
            ADDRESS,
            deployed.isEmpty() ? Action.CREATE : Action.UPDATE,
            List.of(),
            reason.get(),
            Grade.of(List.of(NO_UNDO)),
            List.of());
    List<Change> changes = new ArrayList<>(plan.changes());
    changes.add(change);
    return new Plan(
        plan.formatVersion(),
        plan.deployment(),
        plan.spec(),
        plan.against(),
        changes,
        plan.drift(),
        plan.warnings(),
        plan.recovery());
  }

  /** True when {@code plan} pushes the functions. */
  static boolean pushes(Plan plan) {
    return plan.changes().stream().anyMatch(c -> c.address().equals(ADDRESS));
  }

  /** Why a push is needed, empty when the deployment runs exactly these functions. */
  static Optional<String> reason(Optional<FunctionsState> deployed, String now) {
    if (deployed.isEmpty()) {
      return Optional.of("no functions pushed by provision yet (app hash " + shortHash(now) + ")");
    }
    if (deployed.get().hash().equals(now)) {
      return Optional.empty();
    }
    return Optional.of(
        "the app's functions changed since the last push ("
            + deployed.get().shortHash()
            + " -> "
            + shortHash(now)
            + ")");
  }

  private static String shortHash(String hash) {
    return hash.substring(0, Math.min(12, hash.length()));
  }
}
