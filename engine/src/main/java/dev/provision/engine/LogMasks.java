package dev.provision.engine;

import dev.provision.model.DesiredState;
import dev.provision.model.Resource;
import dev.provision.model.Sensitive;
import dev.provision.model.Value;
import dev.provision.secrets.SecretsFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Every secret a deployment's container logs could print: each sensitive value of the desired state
 * (instance secret, Postgres password, JWT key, auth provider secrets, sensitive env values), the
 * spec's sensitive texts (what references read, URL user-info), and every value the secrets file
 * holds or held before a rotation.
 */
final class LogMasks {
  private LogMasks() {}

  static Sensitive of(DesiredState desired, SecretsFile secretsFile) {
    List<String> texts = new ArrayList<>();
    for (Resource r : desired.resources().values()) {
      for (Value v : r.attributes().values()) {
        if (v != null && v.sensitive() && v.text() != null) {
          texts.add(v.text());
        }
      }
    }
    secretsFile
        .read()
        .forEach(
            (key, value) -> {
              texts.add(value);
              texts.addAll(secretsFile.history(key));
            });
    return desired.sensitive().plus(Sensitive.of(texts));
  }
}
