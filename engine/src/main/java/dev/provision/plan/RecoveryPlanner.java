package dev.provision.plan;

import dev.provision.live.HalfDoneSwap;
import dev.provision.live.Interrupted;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.Readiness;
import dev.provision.model.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Plans the recovery from an interrupted apply: one action per half-done container replace, and the
 * state the target will be in once they ran, which the rest of the plan starts from. Pure.
 *
 * <p>A half-done replace is put back (the replacement removed, the old container renamed back,
 * given its restart policy again and started if it ran before), except a replace the policy says
 * {@link DeploymentPolicy#migratesData migrates data} (a backend image upgrade) whose replacement
 * exists: that one is finished instead, since the new image may already have migrated the data the
 * old image would then not read.
 */
final class RecoveryPlanner {
  private RecoveryPlanner() {}

  /** The recovery, and the observed state as it will be after it. */
  record Recovered(ObservedState after, Optional<Recovery> recovery) {}

  static Recovered plan(DesiredState desired, ObservedState observed, DeploymentPolicy policy) {
    if (observed.interrupted().isEmpty()) {
      return new Recovered(observed, Optional.empty());
    }
    Interrupted found = observed.interrupted().get();
    SortedMap<Address, ObservedResource> after = new TreeMap<>(observed.resources());
    List<RecoveryAction> actions = new ArrayList<>();
    for (HalfDoneSwap swap : found.swaps()) {
      Resource want = desired.resources().get(swap.address());
      ContainerResource wanted = want instanceof ContainerResource c ? c : null;
      after.remove(next(swap.address()));
      after.remove(prev(swap.address()));
      after.remove(swap.address());
      Optional<ObservedResource> kept = swap.made().stream().findFirst();
      RecoveryAction action =
          kept.isPresent() && swap.old().isPresent() && migrates(policy, swap, kept.get())
              ? finish(swap, kept.get(), wanted, after, observed)
              : putBack(swap, wanted, after, observed);
      actions.add(action);
    }
    Recovery recovery =
        new Recovery(
            found.applyId().map(Object::toString),
            found.at(),
            found.step(),
            found.holder(),
            actions);
    return new Recovered(
        new ObservedState(observed.deployment(), after, Optional.empty()), Optional.of(recovery));
  }

  /** A change the policy says may have changed the data for good (a backend image upgrade). */
  private static boolean migrates(
      DeploymentPolicy policy, HalfDoneSwap swap, ObservedResource kept) {
    List<AttributeChange> diff =
        AttributeDiff.between(
            swap.old().get().resource().attributes(), kept.resource().attributes());
    return policy.migratesData(swap.address(), diff);
  }

  private static RecoveryAction putBack(
      HalfDoneSwap swap,
      ContainerResource wanted,
      SortedMap<Address, ObservedResource> after,
      ObservedState observed) {
    List<String> remove = swap.made().stream().map(HalfDoneSwap::nameOf).toList();
    Optional<String> rename =
        swap.oldPutAside() ? Optional.of(swap.name() + HalfDoneSwap.PREV) : Optional.empty();
    Optional<String> policy = Optional.empty();
    boolean start = false;
    if (swap.old().isPresent()) {
      ObservedResource old = swap.old().get();
      ContainerResource c = (ContainerResource) old.resource();
      HalfDoneSwap.PutBack was =
          swap.putBack()
              .orElse(
                  new HalfDoneSwap.PutBack(true, wanted != null ? policyOf(wanted) : policyOf(c)));
      policy = Optional.of(was.restartPolicy());
      start = was.running();
      boolean running = start || (old.status() != null && old.status().running());
      after.put(
          swap.address(),
          new ObservedResource(
              c.renamed(swap.address(), swap.name()).withRestartPolicy(was.restartPolicy()),
              running ? new RuntimeStatus(true, null, null) : old.status(),
              old.appliedHash(),
              old.ownership()));
    }
    Optional<Address> startsAs = swap.old().map(o -> o.resource().address());
    PlannedStep step =
        new PlannedStep(
            swap.address() + "/" + Verbs.RECOVER_CONTAINER,
            new StepAction.RecoverContainer(
                swap.address(),
                RecoveryAction.Direction.PUT_BACK,
                ready(swap, startsAs, wanted, observed)),
            swap.address(),
            List.of(),
            "put back the container the interrupted apply was replacing: " + swap.address(),
            Undo.inverse(
                "nothing to undo (the old container is back, as before the interrupted apply)"));
    return new RecoveryAction(
        swap.address(),
        swap.name(),
        RecoveryAction.Direction.PUT_BACK,
        remove,
        Optional.empty(),
        rename,
        policy,
        start,
        startsAs,
        step);
  }

  private static RecoveryAction finish(
      HalfDoneSwap swap,
      ObservedResource kept,
      ContainerResource wanted,
      SortedMap<Address, ObservedResource> after,
      ObservedState observed) {
    ContainerResource k = (ContainerResource) kept.resource();
    boolean keptHoldsName = k.name().equals(swap.name());
    List<String> remove = swap.made().stream().skip(1).map(HalfDoneSwap::nameOf).toList();
    Optional<String> setAside = swap.oldPutAside() ? Optional.empty() : Optional.of(swap.name());
    Optional<String> rename = keptHoldsName ? Optional.empty() : Optional.of(k.name());
    String policy = wanted != null ? policyOf(wanted) : policyOf(k);
    after.put(
        swap.address(),
        new ObservedResource(
            k.renamed(swap.address(), swap.name()).withRestartPolicy(policy),
            new RuntimeStatus(true, null, null),
            kept.appliedHash(),
            kept.ownership()));
    PlannedStep step =
        new PlannedStep(
            swap.address() + "/" + Verbs.FINISH_REPLACE,
            new StepAction.RecoverContainer(
                swap.address(),
                RecoveryAction.Direction.FINISH,
                ready(swap, Optional.of(k.address()), wanted, observed)),
            swap.address(),
            List.of(),
            "finish the replace the interrupted apply began, keeping the new container: "
                + swap.address(),
            Undo.none(
                "the new image may already have migrated the data: to go back, restore from a"
                    + " backup taken before the upgrade (npx convex export)"));
    return new RecoveryAction(
        swap.address(),
        swap.name(),
        RecoveryAction.Direction.FINISH,
        remove,
        setAside,
        rename,
        Optional.of(policy),
        true,
        Optional.of(k.address()),
        step);
  }

  /**
   * The container that ends up holding the name (observed as {@code startsAs}), with the readiness
   * check to wait for once it starts: the desired one's, else "running" for a minute.
   */
  private static Optional<ContainerResource> ready(
      HalfDoneSwap swap,
      Optional<Address> startsAs,
      ContainerResource wanted,
      ObservedState observed) {
    Readiness check =
        wanted != null && wanted.readiness() != null
            ? wanted.readiness()
            : new Readiness(Readiness.Kind.RUNNING, 0, null, Duration.ofSeconds(60));
    return startsAs
        .map(observed.resources()::get)
        .map(ObservedResource::resource)
        .filter(ContainerResource.class::isInstance)
        .map(ContainerResource.class::cast)
        .map(end -> end.renamed(swap.address(), swap.name()).withReadiness(check));
  }

  private static String policyOf(ContainerResource c) {
    return c.restartPolicy() == null ? "no" : c.restartPolicy();
  }

  private static Address next(Address a) {
    return Address.of(a.kind(), a.name() + HalfDoneSwap.NEXT);
  }

  private static Address prev(Address a) {
    return Address.of(a.kind(), a.name() + HalfDoneSwap.PREV);
  }
}
