package dev.provision.plan;

import dev.provision.diag.Diagnostic;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.live.Ownership;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ConfigHash;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.ReplaceOrder;
import dev.provision.model.Resource;
import dev.provision.model.SecretKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares desired with observed state and produces a plan: a pure function with no I/O. Data is
 * never deleted implicitly: volumes and databases that left the spec are kept (with a warning)
 * unless a destroy asks for their deletion; secrets and files are kept.
 */
public final class Planner {

  /**
   * What a plan is for. {@code warnings} are carried into the plan (from reading the spec).
   *
   * @param deleteData allow deleting volumes and databases (destroy --delete-data only)
   * @param deleteAdopted names of volumes made outside provision (adopted) whose deletion a person
   *     confirmed by naming them; with {@code deleteData} only these adopted volumes are deleted,
   *     every other one is kept with a warning
   * @param policy what the deployment's parts are: risks, order, data-touching replacements
   * @param hashes labels containers with the applied configuration (keyed at apply; a plan made
   *     without the key cannot be applied)
   * @param generated the secrets this apply generated now, whose store steps say so
   */
  public record Request(
      String spec,
      String against,
      List<Diagnostic> warnings,
      boolean deleteData,
      ConfigHash hashes,
      Set<String> deleteAdopted,
      DeploymentPolicy policy,
      Set<SecretKind> generated) {
    public Request {
      warnings = List.copyOf(warnings);
      deleteAdopted = Set.copyOf(deleteAdopted);
      java.util.Objects.requireNonNull(policy, "policy");
      generated = Set.copyOf(generated);
    }

    /** Deletes no adopted volume; generated no secret. */
    public Request(
        String spec,
        String against,
        List<Diagnostic> warnings,
        boolean deleteData,
        ConfigHash hashes,
        DeploymentPolicy policy) {
      this(spec, against, warnings, deleteData, hashes, Set.of(), policy, Set.of());
    }

    /** Without a hash key: labels written by this version cannot be checked for drift. */
    public Request(
        String spec,
        String against,
        List<Diagnostic> warnings,
        boolean deleteData,
        DeploymentPolicy policy) {
      this(spec, against, warnings, deleteData, ConfigHash.withoutKey(), policy);
    }

    /** The same request, also deleting the adopted volumes named (after they were confirmed). */
    public Request deletingAdopted(Set<String> volumes) {
      return new Request(spec, against, warnings, deleteData, hashes, volumes, policy, generated);
    }

    /**
     * The same request, for an apply that generated the secrets {@code kinds} now (nothing outside
     * it knows them yet: their store steps say so).
     */
    public Request generating(Set<SecretKind> kinds) {
      return new Request(spec, against, warnings, deleteData, hashes, deleteAdopted, policy, kinds);
    }
  }

  private Planner() {}

  public static Plan plan(DesiredState desired, ObservedState found, Request request) {
    DeploymentPolicy policy = request.policy();
    RecoveryPlanner.Recovered recovered = RecoveryPlanner.plan(desired, found, policy);
    ObservedState observed = recovered.after();
    List<Change> changes = new ArrayList<>();
    List<Drift> drift = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>(request.warnings());
    TreeSet<Address> all = new TreeSet<>(desired.resources().keySet());
    all.addAll(observed.resources().keySet());
    for (Address a : all) {
      Resource want = desired.resources().get(a);
      ObservedResource have = observed.resources().get(a);
      StepActions.Facts facts = new StepActions.Facts(a, want, have, desired, found, request);
      if (have != null && have.ownership() != Ownership.OWNED) {
        Foreign.plan(a, want, have, request, facts).ifPresent(changes::add);
        Foreign.warning(a, want, have, request).ifPresent(warnings::add);
        continue;
      }
      if (have != null) {
        driftOf(have, request.hashes()).ifPresent(drift::add);
      }
      if (want == null) {
        removed(a, have, request, changes, warnings, facts);
      } else if (have == null) {
        changes.add(
            change(
                policy,
                a,
                Action.CREATE,
                AttributeDiff.all(want.attributes(), true),
                "does not exist yet",
                facts));
      } else {
        compared(policy, a, want, have, changes, facts);
      }
    }
    List<Change> typed =
        changes.stream()
            .map(
                c ->
                    c.withResources(
                        Optional.ofNullable(observed.resources().get(c.address()))
                            .map(ObservedResource::resource),
                        Optional.ofNullable(desired.resources().get(c.address()))))
            .toList();
    return new Plan(
        Plan.FORMAT_VERSION,
        desired.deployment(),
        request.spec(),
        request.against(),
        DependencyWiring.afterRecovery(DependencyWiring.wire(typed, policy), recovered.recovery()),
        drift,
        warnings,
        recovered.recovery());
  }

  /**
   * The observed state as it will be once the recovery from an interrupted apply ran (the state the
   * plan's changes start from); {@code observed} itself when nothing was interrupted.
   */
  public static ObservedState recovered(
      DesiredState desired, ObservedState observed, DeploymentPolicy policy) {
    return RecoveryPlanner.plan(desired, observed, policy).after();
  }

  /**
   * A plan that removes what the deployment owns: containers and the network; data only if asked.
   */
  public static Plan destroy(ObservedState observed, Request request) {
    DesiredState nothing = new DesiredState(observed.deployment(), new java.util.TreeMap<>());
    return plan(nothing, observed, request);
  }

  private static void compared(
      DeploymentPolicy policy,
      Address a,
      Resource want,
      ObservedResource have,
      List<Change> out,
      StepActions.Facts facts) {
    List<AttributeChange> diff =
        AttributeDiff.between(have.resource().attributes(), want.attributes());
    RuntimeStatus status = have.status();
    if (diff.isEmpty()) {
      if (status != null && !status.running()) {
        out.add(
            change(
                policy,
                a,
                Action.REPLACE,
                diff,
                "the container is stopped" + exit(status) + "; it is recreated",
                replacing(policy, want, have),
                facts));
      }
      return;
    }
    Action action =
        switch (a.kind()) {
          case CONTAINER, NETWORK, VOLUME, DATABASE -> Action.REPLACE;
          default -> Action.UPDATE;
        };
    out.add(
        change(
            policy,
            a,
            action,
            diff,
            "the spec changes " + paths(diff),
            replacing(policy, want, have),
            facts));
  }

  private static void removed(
      Address a,
      ObservedResource have,
      Request request,
      List<Change> out,
      List<Diagnostic> warnings,
      StepActions.Facts facts) {
    switch (a.kind()) {
      case VOLUME, DATABASE -> {
        if (request.deleteData()) {
          out.add(
              change(
                  request.policy(),
                  a,
                  Action.DELETE,
                  AttributeDiff.all(have.resource().attributes(), false),
                  "--delete-data was given",
                  facts));
        } else {
          warnings.add(
              Diagnostic.warning(
                      null, a.toString(), a + " is no longer used by the spec; it is kept")
                  .withHint("its data stays; `provision destroy --delete-data` removes it"));
        }
      }
      case SECRET, FILE -> {}
      default ->
          out.add(
              change(
                  request.policy(),
                  a,
                  Action.DELETE,
                  AttributeDiff.all(have.resource().attributes(), false),
                  a.name().endsWith("-prev") || a.name().endsWith("-next")
                      ? "left over from an interrupted apply"
                      : "no longer in the spec",
                  facts));
    }
  }

  static Change change(
      DeploymentPolicy policy,
      Address a,
      Action action,
      List<AttributeChange> diff,
      String reason,
      StepActions.Facts facts) {
    return change(policy, a, action, diff, reason, null, facts);
  }

  /** How a container would be replaced (its order), null for anything else. */
  private static StepPlanner.Replacing replacing(
      DeploymentPolicy policy, Resource want, ObservedResource have) {
    if (want instanceof ContainerResource w && have.resource() instanceof ContainerResource h) {
      return new StepPlanner.Replacing(
          w.name(), ReplaceOrder.of(h, w), policy.changesDataPassword(h, w));
    }
    return null;
  }

  private static Change change(
      DeploymentPolicy policy,
      Address a,
      Action action,
      List<AttributeChange> diff,
      String reason,
      StepPlanner.Replacing replacing,
      StepActions.Facts facts) {
    diff = masked(diff, facts.desired().sensitive());
    Grade grade = policy.grade(a, action, diff);
    return new Change(
        a, action, diff, reason, grade, StepPlanner.steps(a, action, grade, replacing, facts));
  }

  /**
   * The diff with every side that holds a sensitive text of the spec marked sensitive: a resource
   * keeps some attributes as plain strings (an image, a database host) that a reference may have
   * filled.
   */
  private static List<AttributeChange> masked(
      List<AttributeChange> diff, dev.provision.model.Sensitive sensitive) {
    if (sensitive.texts().isEmpty()) {
      return diff;
    }
    return diff.stream()
        .map(
            c ->
                new AttributeChange(
                    c.path(), sensitive.mark(c.before()), sensitive.mark(c.after())))
        .toList();
  }

  private static java.util.Optional<Drift> driftOf(ObservedResource have, ConfigHash hashes) {
    RuntimeStatus status = have.status();
    if (status != null && !status.running()) {
      return java.util.Optional.of(
          new Drift(
              have.resource().address(), List.of(), "stopped outside provision" + exit(status)));
    }
    boolean changed =
        have.appliedHash() != null
            && !hashes.matches(have.appliedHash(), have.resource()).orElse(true);
    if (changed) {
      return java.util.Optional.of(
          new Drift(
              have.resource().address(),
              List.of(),
              "changed outside provision since the last apply"));
    }
    return java.util.Optional.empty();
  }

  private static String exit(RuntimeStatus status) {
    return status.exitCode() == null ? "" : " (exit code " + status.exitCode() + ")";
  }

  private static String paths(List<AttributeChange> diff) {
    List<String> names = diff.stream().map(AttributeChange::path).toList();
    if (names.size() <= 3) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
  }
}
