package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.model.Address;
import dev.provision.plan.Change;
import dev.provision.plan.Consequence;
import dev.provision.plan.Grade;
import dev.provision.plan.Plan;
import dev.provision.policy.ConvexConsequences;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Puts what {@link InstanceSecretCheck} found into a live plan: a conflict as an error-level
 * finding, a rotation as a finding plus the rotation's irreversible consequence, added to the
 * others, on the changes that carry it (the backend container and the secret), even when no
 * attribute diff shows it (a new backend container started on a volume whose credentials file holds
 * another secret).
 */
public final class SecretPlanFindings {
  static final Consequence CONSEQUENCE = ConvexConsequences.INSTANCE_SECRET;
  private static final Set<Address> CARRIERS = Set.of(Names.BACKEND, Names.INSTANCE_SECRET);

  private SecretPlanFindings() {}

  public static Plan annotate(Plan plan, InstanceSecretCheck.Result found) {
    if (found.refusal().isEmpty() && found.rotation().isEmpty()) {
      return plan;
    }
    List<Diagnostic> findings = new ArrayList<>(plan.warnings());
    found.refusal().ifPresent(findings::add);
    found.rotation().ifPresent(findings::add);
    List<Change> changes = plan.changes();
    if (found.rotation().isPresent()) {
      changes = plan.changes().stream().map(SecretPlanFindings::irreversible).toList();
    }
    return new Plan(
        plan.formatVersion(),
        plan.deployment(),
        plan.spec(),
        plan.against(),
        changes,
        plan.drift(),
        findings,
        plan.recovery());
  }

  private static Change irreversible(Change c) {
    if (!CARRIERS.contains(c.address()) || c.consequences().contains(CONSEQUENCE)) {
      return c;
    }
    Grade grade = new Grade(c.risk(), c.consequences()).with(CONSEQUENCE);
    return new Change(
            c.address(),
            c.action(),
            c.attributes(),
            c.reason(),
            grade.risk(),
            grade.consequences(),
            c.steps())
        .withResources(c.before(), c.after());
  }
}
