package dev.provision.engine;

import dev.provision.convex.EnvFileKeys;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.exec.steps.WriteEnvFileStep;
import dev.provision.model.Spec;
import dev.provision.outputs.EnvFileContent;
import dev.provision.secrets.SecretSightings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the app's env file (such as .env.local) for a deployment outside an apply: the backend's
 * public API URL and a fresh admin key issued from the resolved secret, mode 0600, without a
 * conflicting CONVEX_DEPLOYMENT line, keeping every other line of the user's.
 */
final class EnvFileOutput {
  static final String URL = EnvFileKeys.URL;
  static final String KEY = EnvFileKeys.ADMIN_KEY;

  private EnvFileOutput() {}

  /** The file to write: outputs.envFile, else {@code out}; both given must name the same file. */
  static Path target(Spec spec, Path out) {
    Path configured = spec.outputs().envFile();
    if (configured != null
        && out != null
        && !configured.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new ProvisionException(
          Diagnostic.error(
                  null,
                  "outputs.envFile",
                  "--out " + out + " differs from outputs.envFile in the spec")
              .withFound(configured.toString())
              .withHint(
                  "drop --out (the spec's file is the one apply and doctor use), or change"
                      + " outputs.envFile"));
    }
    if (configured != null) {
      return configured;
    }
    if (out != null) {
      return out;
    }
    throw new ProvisionException(
        Diagnostic.error(null, "outputs.envFile", "no env file to write")
            .withHint("set outputs.envFile in the spec (e.g. .env.local), or pass --out PATH"));
  }

  static EnvFileResult write(Spec spec, Path file, SecretSightings seen) {
    IssuedKey key = AdminKeyService.forDeployment(spec, seen, false);
    String url = spec.backend().cloudOrigin();
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(URL, url);
    entries.put(KEY, key.key());
    EnvFileContent before = EnvFileContent.parse(WriteEnvFileStep.read(file).orElse(""));
    List<String> removed =
        EnvFileContent.CONFLICTING.stream().filter(before.entries()::containsKey).sorted().toList();
    WriteEnvFileStep.write(file, before.with(entries, EnvFileContent.CONFLICTING).text());
    return new EnvFileResult(
        file,
        url,
        key.source(),
        removed,
        OriginCheck.warnings(url, "backend.origins.cloud", OriginCheck.Reader.CLI_WITH_ADMIN_KEY));
  }
}
