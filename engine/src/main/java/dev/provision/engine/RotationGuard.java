package dev.provision.engine;

import dev.provision.convex.BackendContainer;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.plan.Action;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;

/**
 * Refuses, before anything runs, a plan that replaces the instance secret of a running deployment
 * unless the user asked for it: rotating it invalidates every admin key issued so far.
 */
final class RotationGuard {
  private RotationGuard() {}

  /**
   * Everything a session found about its instance secret (see {@link InstanceSecretCheck}), then
   * the plan itself.
   */
  static void check(LiveSession session, boolean allowed) {
    session.secretCheck().refusal().ifPresent(d -> refuse(d));
    if (!allowed && session.secretCheck().rotation().isPresent()) {
      Diagnostic found = session.secretCheck().rotation().get();
      refuse(
          Diagnostic.error(null, found.path(), found.message())
              .withExpected("the existing deployment's secret (kept unless you ask)")
              .withHint(
                  "every admin key issued so far stops working; if that is what you want, "
                      + "run apply again with --allow-secret-rotation"));
    }
    check(session.plan(), allowed);
  }

  private static void refuse(Diagnostic d) {
    throw new ProvisionException(d);
  }

  static void check(Plan plan, boolean allowed) {
    if (allowed) {
      return;
    }
    for (Change c : plan.changes()) {
      boolean rotates =
          c.action() != Action.CREATE
              && c.attributes().stream()
                  .anyMatch(
                      a ->
                          a.path().equals("env." + BackendContainer.INSTANCE_SECRET_ENV)
                              && a.before() != null
                              && a.after() != null);
      if (rotates) {
        throw new ProvisionException(
            Diagnostic.error(
                    null,
                    "secrets.instanceSecret",
                    "this apply would rotate the instance secret of " + plan.deployment())
                .withExpected("the running deployment's secret (kept unless you ask)")
                .withHint(
                    "every admin key issued so far stops working; if that is what you want, "
                        + "run apply again with --allow-secret-rotation"));
      }
    }
  }
}
