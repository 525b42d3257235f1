package dev.provision.engine;

import dev.provision.convex.BackendContainer;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.convex.AdminKeyStatus;
import dev.provision.driver.convex.ConvexAdminApi;
import java.net.URI;
import java.util.List;

/**
 * The facts about a running backend that both {@code provision doctor} and the check after apply
 * ({@link Verifier}) establish, each by one function with one title, one message and one hint, so
 * the two reports never word the same fact differently: the backend answers {@code /version}, its
 * {@code /instance_name} is the spec's deployment, and it accepts an admin key issued from a given
 * copy of the instance secret. The doctor then explains a refused key further ({@link
 * KeyAcceptance}).
 */
final class BackendFacts {
  private BackendFacts() {}

  /** The facts both reports check, with the title each is reported under. */
  enum Fact {
    VERSION("backend version"),
    INSTANCE_NAME("instance name"),
    ADMIN_KEY("admin key");

    private final String title;

    Fact(String title) {
      this.title = title;
    }

    String title() {
      return title;
    }
  }

  /** The facts, in the order both reports check them. */
  static final List<Fact> SHARED = List.of(Fact.VERSION, Fact.INSTANCE_NAME, Fact.ADMIN_KEY);

  /** How a fact came out: it holds, the backend says it does not, or the backend did not answer. */
  enum Outcome {
    HOLDS,
    DOES_NOT_HOLD,
    NO_ANSWER
  }

  /**
   * How one fact came out.
   *
   * @param hint what to do when it does not hold, else null
   */
  record Finding(Fact fact, Outcome outcome, String detail, String hint) {
    boolean holds() {
      return outcome == Outcome.HOLDS;
    }

    DoctorCheck asDoctorCheck() {
      return holds()
          ? DoctorCheck.ok(fact.title(), detail)
          : DoctorCheck.fail(fact.title(), detail, hint);
    }

    Verification.Check asVerificationCheck() {
      return new Verification.Check(
          fact.title(), holds() ? Verification.Status.OK : Verification.Status.FAILED, detail);
    }
  }

  /** {@code GET /version} answers on {@code base}. */
  static Finding version(ConvexAdminApi api, URI base) {
    try {
      return new Finding(Fact.VERSION, Outcome.HOLDS, api.version().strip() + " at " + base, null);
    } catch (ProvisionException e) {
      return new Finding(
          Fact.VERSION,
          Outcome.NO_ANSWER,
          "GET " + base + BackendContainer.VERSION_PATH + ": " + message(e),
          "the container runs but does not answer on its published port: check backend.apiPort and"
              + " backend.bind, and the container's log (it may still be starting)");
    }
  }

  /** {@code GET /instance_name} is {@code deployment}: else every key for it is refused. */
  static Finding instanceName(ConvexAdminApi api, URI base, String deployment) {
    String name;
    try {
      name = api.instanceName().strip();
    } catch (ProvisionException e) {
      return new Finding(
          Fact.INSTANCE_NAME,
          Outcome.NO_ANSWER,
          "GET " + base + "/instance_name: " + message(e),
          hint(e));
    }
    if (name.equals(deployment)) {
      return new Finding(Fact.INSTANCE_NAME, Outcome.HOLDS, name, null);
    }
    return new Finding(
        Fact.INSTANCE_NAME,
        Outcome.DOES_NOT_HOLD,
        "the backend was started with "
            + BackendContainer.INSTANCE_NAME_ENV
            + "="
            + name
            + ": admin keys for "
            + deployment
            + " are refused",
        "another backend may answer on "
            + base
            + "; else `provision apply` recreates the backend with "
            + BackendContainer.INSTANCE_NAME_ENV
            + "="
            + deployment
            + " (or set deployment: "
            + name
            + " in the spec to adopt it)");
  }

  /**
   * The backend accepts the key {@code api} sends, issued from {@code from} (a copy of the instance
   * secret, in words). A refusal says which copy; its hint is the first thing to try.
   */
  static Finding keyAccepted(ConvexAdminApi api, URI base, String from) {
    AdminKeyStatus status;
    try {
      status = api.checkAdminKey();
    } catch (ProvisionException e) {
      return new Finding(
          Fact.ADMIN_KEY,
          Outcome.NO_ANSWER,
          "GET " + base + "/api/check_admin_key: " + message(e),
          hint(e));
    }
    if (status instanceof AdminKeyStatus.Accepted) {
      return new Finding(
          Fact.ADMIN_KEY, Outcome.HOLDS, "a key issued from " + from + " is accepted", null);
    }
    AdminKeyStatus.Rejected r = (AdminKeyStatus.Rejected) status;
    return new Finding(
        Fact.ADMIN_KEY,
        Outcome.DOES_NOT_HOLD,
        "the backend refused a key issued from "
            + from
            + " ("
            + (r.code() == null ? "HTTP " + r.status() : r.code())
            + ")",
        "run `provision doctor` to find out why");
  }

  static String message(ProvisionException e) {
    return e.diagnostics().isEmpty() ? "failed" : e.diagnostics().get(0).message();
  }

  static String hint(ProvisionException e) {
    return e.diagnostics().isEmpty() ? null : e.diagnostics().get(0).hint();
  }
}
