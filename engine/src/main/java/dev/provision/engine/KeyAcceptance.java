package dev.provision.engine;

import dev.provision.convex.AdminKeys;
import dev.provision.convex.InstanceSecret;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Spec;
import dev.provision.secrets.SecretSightings;
import java.net.URI;
import java.util.List;

/**
 * The doctor's "admin key" check: asks the backend ({@code check_admin_key}) whether it accepts a
 * key issued from the secret the engine resolves and, when it answers BadAdminKey, names the most
 * likely cause: another instance name, a copy of the secret that differs ({@link
 * SecretComparison}), a backend whose own secret cannot be read, or another listener on the port.
 */
final class KeyAcceptance {
  private KeyAcceptance() {}

  static DoctorCheck check(
      Spec spec, SecretSightings seen, URI base, boolean sameName, ConvexApiFactory apis) {
    if (seen.resolved().isEmpty() || !InstanceSecret.isValid(seen.resolved().get().text())) {
      return DoctorCheck.skip(
          Doctor.KEY, "no instance secret to issue a key from (see instance secret)");
    }
    byte[] secret =
        InstanceSecret.parse(seen.resolved().get().text(), "the instance secret").bytes();
    String from = seen.resolvedSource();
    BackendFacts.Finding found =
        BackendFacts.keyAccepted(
            apis.open(base, AdminKeys.issue(spec.deployment(), secret, false)), base, from);
    if (found.holds()) {
      try {
        apis.open(base, AdminKeys.issue(spec.deployment(), secret, false))
            .listEnvironmentVariables();
      } catch (dev.provision.driver.convex.ConvexApiException e) {
        if (e.imageTooOld()) {
          return DoctorCheck.fail(Doctor.KEY, Doctor.message(e), Doctor.hint(e));
        }
      } catch (ProvisionException e) {
        // Another failure to list is not this check's business: the key itself is accepted.
      }
      return found.asDoctorCheck();
    }
    if (found.outcome() == BackendFacts.Outcome.NO_ANSWER) {
      return found.asDoctorCheck(); // the backend did not answer
    }
    String refused = found.detail();
    if (!sameName) {
      return DoctorCheck.fail(
          Doctor.KEY,
          refused + ": it runs under another instance name",
          "fix the instance name first (see above)");
    }
    List<SecretComparison.Mismatch> why = new SecretComparison(seen).mismatches();
    if (!why.isEmpty()) {
      return DoctorCheck.fail(Doctor.KEY, refused + ": " + why.get(0).problem(), why.get(0).hint());
    }
    if (seen.backendSecret().isEmpty()) {
      return DoctorCheck.fail(
          Doctor.KEY,
          refused
              + "; the backend's own secret cannot be read (no"
              + " INSTANCE_SECRET, no credentials file), so "
              + from
              + " is probably stale",
          "`provision apply` starts the backend with INSTANCE_SECRET from "
              + from
              + " again; if keys from the backend's current secret must keep working, pin that"
              + " secret with secrets.instanceSecret instead");
    }
    return DoctorCheck.fail(
        Doctor.KEY,
        refused + " although it is the secret the backend runs with",
        "another process may answer on "
            + base
            + ", or the backend restarted with a new secret"
            + " just now: run doctor again, and check `docker ps` for what publishes that port");
  }
}
