package dev.provision.observe;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import dev.provision.convex.EnvFileKeys;
import dev.provision.convex.InstanceSecret;
import dev.provision.desired.AdminKeyPlaceholder;
import dev.provision.diag.ProvisionException;
import dev.provision.model.FileResource;
import dev.provision.model.Value;
import dev.provision.outputs.EnvFileContent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads an env file the engine writes (the app's CLI file or the frontend's) as the planner
 * compares it: each owned key's value as text, an admin key as "a key valid for this secret" (any
 * valid key is as good as a new one), and a conflicting CONVEX_DEPLOYMENT line so the plan shows
 * its removal.
 */
public final class EnvFileObservation {
  private static final String KEY = EnvFileKeys.ADMIN_KEY;

  private EnvFileObservation() {}

  public static Optional<SortedMap<String, Value>> read(
      FileResource file, String deployment, Value secret) {
    if (!Files.exists(file.path())) {
      return Optional.empty();
    }
    Map<String, String> entries;
    try {
      entries = EnvFileContent.parse(Files.readString(file.path())).entries();
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot read " + file.path() + ": " + e.getMessage(), "check its permissions");
    }
    SortedMap<String, Value> out = new TreeMap<>();
    for (String key : file.entries().keySet()) {
      if (entries.containsKey(key)) {
        out.put(
            key,
            key.equals(KEY)
                ? keyValue(entries.get(key), deployment, secret)
                : Value.plain(entries.get(key)));
      }
    }
    for (String conflicting : EnvFileContent.CONFLICTING) {
      if (entries.containsKey(conflicting)) {
        out.put(conflicting, Value.plain(entries.get(conflicting)));
      }
    }
    return Optional.of(out);
  }

  private static Value keyValue(String key, String deployment, Value secret) {
    if (InstanceSecret.isValid(secret.text())) {
      byte[] bytes = InstanceSecret.parse(secret.text(), "the instance secret").bytes();
      AdminKeyCheck check = AdminKeys.verify(deployment, bytes, key);
      if (check.outcome() == AdminKeyCheck.Outcome.VALID) {
        return AdminKeyPlaceholder.forSecret(secret);
      }
    }
    return Value.secret(key);
  }
}
