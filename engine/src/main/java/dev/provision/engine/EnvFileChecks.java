package dev.provision.engine;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import dev.provision.convex.EnvFileKeys;
import dev.provision.convex.InstanceSecret;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Spec;
import dev.provision.outputs.EnvFileContent;
import dev.provision.secrets.SecretSightings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The doctor's checks of the app's env file (outputs.envFile): its URL is the backend's public API
 * URL, its admin key verifies against the secret the backend runs with (else why, from {@link
 * AdminKeys#verify}), and it has no CONVEX_DEPLOYMENT line, which the Convex CLI refuses.
 */
final class EnvFileChecks {
  static final String URL_CHECK = "env file URL";
  static final String KEY_CHECK = "env file admin key";
  static final String DEPLOYMENT_CHECK = "env file CONVEX_DEPLOYMENT";
  private static final String URL = EnvFileKeys.URL;
  private static final String KEY = EnvFileKeys.ADMIN_KEY;

  private EnvFileChecks() {}

  static List<DoctorCheck> check(Spec spec, SecretSightings seen) {
    Path path = spec.outputs().envFile();
    if (path == null) {
      String why = "outputs.envFile is not set in the spec";
      return List.of(
          DoctorCheck.skip(URL_CHECK, why),
          DoctorCheck.skip(KEY_CHECK, why),
          DoctorCheck.skip(DEPLOYMENT_CHECK, why));
    }
    String write = "`provision env-file " + spec.source() + "` writes it";
    if (!Files.exists(path)) {
      String why = path + " does not exist";
      return List.of(
          DoctorCheck.fail(URL_CHECK, why, write),
          DoctorCheck.skip(KEY_CHECK, why),
          DoctorCheck.skip(DEPLOYMENT_CHECK, why));
    }
    Map<String, String> entries;
    try {
      entries = EnvFileContent.parse(Files.readString(path)).entries();
    } catch (IOException e) {
      String why = "cannot read " + path + " (" + e.getClass().getSimpleName() + ")";
      return List.of(
          DoctorCheck.fail(URL_CHECK, why, "check its permissions"),
          DoctorCheck.skip(KEY_CHECK, why),
          DoctorCheck.skip(DEPLOYMENT_CHECK, why));
    }
    return List.of(
        url(spec, path, entries, write),
        key(spec, path, entries, seen, write),
        deployment(path, entries));
  }

  private static DoctorCheck url(Spec spec, Path path, Map<String, String> entries, String write) {
    String want = spec.backend().cloudOrigin();
    String have = entries.get(URL);
    if (have == null) {
      return DoctorCheck.fail(URL_CHECK, path + " has no " + URL + " line", write);
    }
    if (!strip(have).equals(strip(want))) {
      return DoctorCheck.fail(
          URL_CHECK,
          URL + " is " + have + ", the backend's public URL is " + want,
          write + " with the spec's URL (backend.origins.cloud)");
    }
    return DoctorCheck.ok(URL_CHECK, have);
  }

  private static DoctorCheck key(
      Spec spec, Path path, Map<String, String> entries, SecretSightings seen, String write) {
    String key = entries.get(KEY);
    if (key == null) {
      return DoctorCheck.fail(KEY_CHECK, path + " has no " + KEY + " line", write);
    }
    boolean live = seen.backendSecret().isPresent();
    Optional<String> secret = live ? seen.backendSecret() : seen.resolved().map(v -> v.text());
    if (secret.isEmpty() || !InstanceSecret.isValid(secret.get())) {
      return DoctorCheck.skip(KEY_CHECK, "no instance secret to check it against");
    }
    String against = live ? seen.backendSecretSource() : seen.resolvedSource();
    AdminKeyCheck check = AdminKeys.verify(spec.deployment(), bytes(secret.get()), key);
    if (check.outcome() == AdminKeyCheck.Outcome.VALID) {
      return DoctorCheck.ok(
          KEY_CHECK,
          "verifies against "
              + against
              + " (issued "
              + check.payload().issuedAt()
              + (check.payload().readOnly() ? ", read-only" : "")
              + ")");
    }
    if (check.outcome() == AdminKeyCheck.Outcome.VALID_LEGACY) {
      return new DoctorCheck(
          KEY_CHECK,
          DoctorCheck.Status.OK,
          "verifies against " + against + ", but " + check.problem(),
          check.hint());
    }
    String detail = check.problem() + origin(spec, seen, key, secret.get());
    return DoctorCheck.fail(
        KEY_CHECK, detail, check.hint() + "; " + write + " with a key from " + against);
  }

  /** For a key from another secret: which other copy of the secret issued it, when one did. */
  private static String origin(Spec spec, SecretSightings seen, String key, String refused) {
    Map<String, Optional<String>> others = new LinkedHashMap<>();
    others.put("the spec's secrets.instanceSecret", seen.specReference());
    others.put("the secrets file", seen.secretsFile());
    others.put("the credentials file in the backend's volume", seen.credentialsFile());
    for (Map.Entry<String, Optional<String>> e : others.entrySet()) {
      Optional<String> other = e.getValue();
      if (other.isPresent()
          && InstanceSecret.isValid(other.get())
          && !other.get().equalsIgnoreCase(refused)
          && AdminKeys.verify(spec.deployment(), bytes(other.get()), key).valid()) {
        return "; it was issued from " + e.getKey() + ", which the backend does not use";
      }
    }
    return "";
  }

  private static DoctorCheck deployment(Path path, Map<String, String> entries) {
    for (String conflicting : EnvFileContent.CONFLICTING) {
      if (entries.containsKey(conflicting)) {
        return DoctorCheck.fail(
            DEPLOYMENT_CHECK,
            path + " has a " + conflicting + " line: the Convex" + " CLI refuses it next to " + URL,
            "remove the line (`provision env-file` does)");
      }
    }
    return DoctorCheck.ok(DEPLOYMENT_CHECK, "none");
  }

  private static byte[] bytes(String secret) {
    try {
      return InstanceSecret.parse(secret, "the instance secret").bytes();
    } catch (ProvisionException e) {
      throw new IllegalStateException("checked before", e);
    }
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
