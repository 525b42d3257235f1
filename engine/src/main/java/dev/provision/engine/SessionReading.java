package dev.provision.engine;

import dev.provision.live.ObservedState;
import dev.provision.model.ConfigHash;
import dev.provision.model.DesiredState;
import dev.provision.model.Spec;
import dev.provision.plan.Plan;
import dev.provision.secrets.SecretResolver;

/**
 * What a {@link LiveSession} read from its spec and target, and the plan it made between them:
 * immutable, so what apply runs, verifies and guards is exactly what was planned.
 *
 * @param observed as found on the target (before the recovery of an interrupted apply)
 * @param secrets which secret values apply, and where each came from
 * @param hashes the config hash (keyed for an apply) the plan's containers are labelled with
 */
record SessionReading(
    Spec spec,
    DesiredState desired,
    ObservedState observed,
    Plan plan,
    SecretResolver.Resolved secrets,
    ConfigHash hashes) {}
