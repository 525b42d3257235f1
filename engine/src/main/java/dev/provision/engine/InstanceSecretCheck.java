package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.secrets.AdoptSecret;
import dev.provision.secrets.SecretSightings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from every copy of the instance secret (the spec's reference, the backend's
 * INSTANCE_SECRET, the credentials file in the data volume, the secrets file), whether an apply may
 * go on: pure, and never shows a value (copies are named by letters, as the doctor does).
 *
 * <ul>
 *   <li>A <b>conflict</b>: the copies disagree and nobody chose. Apply refuses before changing
 *       anything; the user picks with {@code --adopt-secret=live|file} (or a spec reference).
 *   <li>A <b>rotation</b>: the secret apply would use differs from the one the existing data has
 *       (the live copy, else the secrets file when the data volume or backend exists). Graded
 *       irreversible; apply refuses it without {@code --allow-secret-rotation}.
 * </ul>
 */
public final class InstanceSecretCheck {
  /**
   * @param refusal an error that stops apply whatever its flags (a conflict, or a choice that
   *     cannot be honoured)
   * @param rotation a warning that apply rotates the secret of existing data
   */
  public record Result(Optional<Diagnostic> refusal, Optional<Diagnostic> rotation) {
    static final Result NONE = new Result(Optional.empty(), Optional.empty());
  }

  static final String PATH = "secrets.instanceSecret";

  private InstanceSecretCheck() {}

  /**
   * @param existingData the backend container or its data volume exists
   */
  public static Result of(SecretSightings seen, Optional<AdoptSecret> adopt, boolean existingData) {
    String letters = new SecretComparison(seen).letters();
    Optional<Diagnostic> refusal = refusal(seen, adopt, letters);
    Optional<String> existing =
        seen.backendSecret().or(() -> existingData ? seen.secretsFile() : Optional.empty());
    Optional<Diagnostic> rotation = Optional.empty();
    if (seen.resolved().isPresent()
        && existing.isPresent()
        && !same(seen.resolved().get().text(), existing.get())) {
      rotation =
          Optional.of(
              Diagnostic.warning(
                      null,
                      PATH,
                      "this apply rotates the instance secret of the existing deployment: it runs"
                          + " with "
                          + (seen.backendSecret().isPresent()
                              ? seen.backendSecretSource()
                              : "the secret in the secrets file")
                          + " and would get "
                          + seen.resolvedSource()
                          + " ("
                          + letters
                          + ")")
                  .withHint(
                      "every admin key issued so far stops working; apply refuses this without"
                          + " --allow-secret-rotation"));
    }
    return new Result(refusal, rotation);
  }

  private static Optional<Diagnostic> refusal(
      SecretSightings seen, Optional<AdoptSecret> adopt, String letters) {
    if (adopt.isPresent() && seen.specReference().isPresent()) {
      return Optional.of(
          Diagnostic.error(
                  null,
                  PATH,
                  "--adopt-secret chooses between copies, but the spec's secrets.instanceSecret"
                      + " already decides ("
                      + letters
                      + ")")
              .withHint("remove --adopt-secret, or remove secrets.instanceSecret from the spec"));
    }
    if (adopt.equals(Optional.of(AdoptSecret.LIVE)) && seen.backendSecret().isEmpty()) {
      return Optional.of(
          Diagnostic.error(null, PATH, "--adopt-secret=live, but the deployment holds no secret")
              .withFound(letters)
              .withHint(
                  "neither a backend container nor its data volume's credentials file"
                      + " holds one; run without --adopt-secret"));
    }
    if (adopt.equals(Optional.of(AdoptSecret.FILE)) && seen.secretsFile().isEmpty()) {
      return Optional.of(
          Diagnostic.error(
                  null, PATH, "--adopt-secret=file, but the secrets file holds no instance secret")
              .withFound(letters)
              .withHint("restore " + seen.spec().secrets().file() + " or use --adopt-secret=live"));
    }
    if (adopt.isPresent() || seen.specReference().isPresent() || !copiesDisagree(seen)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.error(null, PATH, "the copies of the instance secret disagree: " + letters)
            .withExpected("one secret in every copy")
            .withHint(
                "apply changes nothing until you choose: --adopt-secret=live keeps the secret the"
                    + " deployment runs with (the secrets file keeps its old value in its history);"
                    + " --adopt-secret=file puts the secrets file's secret back, which rotates it:"
                    + " add --allow-secret-rotation (every admin key issued from the live one stops"
                    + " working). `provision doctor` explains each copy"));
  }

  private static boolean copiesDisagree(SecretSightings seen) {
    List<String> distinct = new ArrayList<>();
    for (Optional<String> copy :
        List.of(seen.containerEnv(), seen.credentialsFile(), seen.secretsFile())) {
      copy.map(InstanceSecretCheck::normal)
          .filter(v -> !distinct.contains(v))
          .ifPresent(distinct::add);
    }
    return distinct.size() > 1;
  }

  private static boolean same(String a, String b) {
    return normal(a).equals(normal(b));
  }

  private static String normal(String v) {
    return v.strip().toLowerCase(java.util.Locale.ROOT);
  }
}
