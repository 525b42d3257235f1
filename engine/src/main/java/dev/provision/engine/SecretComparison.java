package dev.provision.engine;

import dev.provision.secrets.SecretSightings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the places an instance secret is seen without showing any: equal secrets get the same
 * letter ({@code container INSTANCE_SECRET = A, secrets file = B}), and each disagreement that
 * explains a refused admin key ("BadAdminKey") becomes a problem with what to do.
 */
final class SecretComparison {
  /** One disagreement and what to do about it. */
  record Mismatch(String problem, String hint) {}

  private final SecretSightings seen;

  SecretComparison(SecretSightings seen) {
    this.seen = seen;
  }

  /**
   * {@code spec reference = A, container INSTANCE_SECRET = A, ...} for the places that hold one.
   */
  String letters() {
    Map<String, Optional<String>> places = new LinkedHashMap<>();
    places.put("spec reference", seen.specReference());
    places.put("container INSTANCE_SECRET", seen.containerEnv());
    places.put("credentials file", seen.credentialsFile());
    places.put("secrets file", seen.secretsFile());
    List<String> distinct = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    places.forEach(
        (place, value) -> {
          if (value.isEmpty()) {
            absent.add(place);
            return;
          }
          String v = value.get().strip().toLowerCase(java.util.Locale.ROOT);
          if (!distinct.contains(v)) {
            distinct.add(v);
          }
          parts.add(place + " = " + (char) ('A' + distinct.indexOf(v)));
        });
    String text = parts.isEmpty() ? "no secret anywhere" : String.join(", ", parts);
    return absent.isEmpty() ? text : text + " (none in: " + String.join(", ", absent) + ")";
  }

  /** Every disagreement, the one that most likely explains a refused key first. */
  List<Mismatch> mismatches() {
    List<Mismatch> out = new ArrayList<>();
    Optional<String> backend = seen.backendSecret();
    String volume = seen.spec().backend().volume();
    if (differ(seen.specReference(), backend)) {
      out.add(
          new Mismatch(
              "the spec's secrets.instanceSecret differs from the secret the backend runs"
                  + " with ("
                  + seen.backendSecretSource()
                  + "): keys issued from the spec's are refused",
              "point secrets.instanceSecret at the live secret to keep existing keys; applying the spec"
                  + " as it is rotates the secret (every admin key issued so far dies), which apply"
                  + " refuses without --allow-secret-rotation"));
    }
    if (differ(seen.containerEnv(), seen.credentialsFile())) {
      out.add(
          new Mismatch(
              "the credentials file in volume "
                  + volume
                  + " differs from the container's"
                  + " INSTANCE_SECRET: the backend rewrites it on every start, so another backend wrote"
                  + " it or the volume was swapped while this one ran",
              "make sure no other backend mounts volume "
                  + volume
                  + "; the running backend uses its"
                  + " INSTANCE_SECRET, so keys issued from that one work"));
    }
    if (differ(seen.secretsFile(), backend)) {
      out.add(
          new Mismatch(
              "the container runs with a different secret than the secrets file "
                  + seen.spec().secrets().file()
                  + ": the secrets file is stale, or the volume was"
                  + " recreated under a new secret",
              "`provision apply --adopt-secret=live` adopts the live secret and stores it in the"
                  + " secrets file (its old value stays in the file's history); keys issued"
                  + " from the old one (an old .env.local) stay refused: `provision env-file` writes a"
                  + " fresh one"));
    }
    return out;
  }

  private static boolean differ(Optional<String> a, Optional<String> b) {
    return a.isPresent() && b.isPresent() && !a.get().strip().equalsIgnoreCase(b.get().strip());
  }

  /** The doctor's "instance secret" check: all places agree, or which differs. */
  DoctorCheck check() {
    String name = "instance secret";
    List<Mismatch> problems = mismatches();
    if (seen.resolved().isEmpty()) {
      return DoctorCheck.fail(
          name,
          "no instance secret is known: " + letters(),
          "run `provision apply` first: it generates the secret and keeps it in "
              + seen.spec().secrets().file());
    }
    if (problems.isEmpty()) {
      String note =
          seen.secretsFile().isEmpty() && seen.backendSecret().isPresent()
              ? "; apply stores the live secret in the secrets file"
              : "";
      return DoctorCheck.ok(name, "the places that hold one agree: " + letters() + note);
    }
    List<String> details = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    details.add(letters());
    problems.forEach(
        m -> {
          details.add(m.problem());
          hints.add(m.hint());
        });
    return DoctorCheck.fail(name, String.join("\n", details), String.join("\n", hints));
  }
}
