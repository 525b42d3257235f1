package dev.provision.secrets;

import dev.provision.desired.SecretValues;
import dev.provision.model.Spec;
import java.util.Optional;

/**
 * The secrets known without a target: only those the spec itself gives by reference. Used when
 * planning against nothing or an older spec, where generated secrets are "known after apply".
 */
public final class SpecSecrets {
  private SpecSecrets() {}

  public static SecretValues of(Spec spec) {
    return new SecretValues(
        Optional.ofNullable(spec.secrets().instanceSecret()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
