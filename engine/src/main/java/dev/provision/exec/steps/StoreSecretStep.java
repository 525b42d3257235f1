package dev.provision.exec.steps;

import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.model.Value;
import dev.provision.secrets.SecretsFile;
import java.util.List;
import java.util.Optional;

/**
 * Writes one secret to the secrets file (0600). Undo puts back what was there before (or removes
 * the entry), so a failed first apply leaves no secret behind that no deployment uses.
 */
public final class StoreSecretStep extends BaseStep {
  private final SecretsFile file;
  private final String key;
  private final Value value;
  private volatile Optional<String> previous = Optional.empty();

  public StoreSecretStep(
      String id, List<String> dependsOn, SecretsFile file, String key, Value value) {
    super(id, dependsOn);
    this.file = file;
    this.key = key;
    this.value = value;
  }

  @Override
  public String description() {
    return "store " + key + " in " + file.path();
  }

  @Override
  public void apply(StepContext context) {
    previous = file.get(key);
    if (previous.isPresent() && previous.get().equals(value.text())) {
      return;
    }
    file.put(key, value.text());
  }

  @Override
  public Undo undo() {
    Optional<String> before = previous;
    if (before.isPresent() && before.get().equals(value.text())) {
      return Undo.notNeeded(key + " was already stored");
    }
    return Undo.of(
        "restore the previous " + key + " in " + file.path(),
        c -> file.put(key, before.orElse(null)));
  }
}
