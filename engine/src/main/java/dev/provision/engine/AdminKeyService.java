package dev.provision.engine;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import dev.provision.convex.InstanceNames;
import dev.provision.convex.InstanceSecret;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Spec;
import dev.provision.secrets.SecretSightings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issues and diagnoses admin keys for the {@code admin-key} commands: from a name and secret given
 * by hand, or for a spec's deployment from the secret the engine resolves. Checks the name and the
 * secret first so that a mistake is a diagnostic (never an exception with the secret in it).
 */
public final class AdminKeyService {
  private AdminKeyService() {}

  /**
   * A new format-1 member key.
   *
   * @param secretWhere what the secret is (an option or file name), for messages
   * @throws ProvisionException for an invalid instance name or a secret that is not 64 hex digits
   */
  public static String issue(
      String instanceName, String secretText, String secretWhere, boolean readOnly) {
    checkName(instanceName);
    byte[] secret = InstanceSecret.parse(secretText, secretWhere).bytes();
    return AdminKeys.issue(instanceName, secret, readOnly);
  }

  /**
   * Diagnoses {@code key} for a name and secret; a bad key is a result, a bad secret a diagnostic.
   */
  public static AdminKeyCheck verify(
      String instanceName, String secretText, String secretWhere, String key) {
    checkName(instanceName);
    byte[] secret = InstanceSecret.parse(secretText, secretWhere).bytes();
    return AdminKeys.verify(instanceName, secret, unquote(key == null ? "" : key.strip()));
  }

  /** A key copied with the quotes of an env file line ('name|hex') is the same key. */
  private static String unquote(String key) {
    boolean quoted =
        key.length() >= 2
            && (key.startsWith("'") && key.endsWith("'")
                || key.startsWith("\"") && key.endsWith("\""));
    return quoted ? key.substring(1, key.length() - 1).strip() : key;
  }

  /** Reads a secret kept in a file (surrounding whitespace is ignored by the parser). */
  public static String readSecretFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot read the instance secret file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          "check the path and that you may read it; the file holds the 64 hex digits only");
    }
  }

  /** A key for the spec's deployment from the secret resolved by {@code sightings}. */
  static IssuedKey forDeployment(Spec spec, SecretSightings sightings, boolean readOnly) {
    if (sightings.resolved().isEmpty()) {
      throw noSecret(spec);
    }
    byte[] secret =
        InstanceSecret.parse(sightings.resolved().get().text(), "the instance secret").bytes();
    return new IssuedKey(
        AdminKeys.issue(spec.deployment(), secret, readOnly), sightings.resolvedSource());
  }

  /**
   * No secret anywhere: nothing was ever applied (or the secrets file and the backend are gone).
   */
  static ProvisionException noSecret(Spec spec) {
    return new ProvisionException(
        Diagnostic.error(
                null, "secrets", "no instance secret is known for deployment " + spec.deployment())
            .withExpected(
                "secrets.instanceSecret in the spec, a backend container on the target, or an "
                    + "entry in the secrets file "
                    + spec.secrets().file())
            .withFound("none of them")
            .withHint(
                "run `provision apply "
                    + spec.source()
                    + "` first: it generates the secret and keeps it"));
  }

  private static void checkName(String instanceName) {
    Diagnostic problem = InstanceNames.check(instanceName, "--instance-name");
    if (problem != null) {
      throw new ProvisionException(problem);
    }
  }
}
