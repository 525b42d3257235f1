package dev.provision.spec;

import dev.provision.convex.AuthEnv;
import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.Quote;
import dev.provision.model.Auth;
import dev.provision.model.Value;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code env:}, the deployment env vars, under the backend's rules: names {@code
 * ^[a-zA-Z_]+[a-zA-Z0-9_]*$} up to 256 characters, values up to 8 KiB, at most 512 vars and 512 KiB
 * in total. {@code CONVEX_CLOUD_URL} and {@code CONVEX_SITE_URL} are refused like the backend
 * refuses them ({@code EnvVarNameForbidden}: functions get them from the origins). Names that
 * Convex Auth sets are refused while auth is enabled, and {@code PROVISION_MANAGED_ENV}, where
 * provision remembers what it manages, always.
 */
final class EnvSection {
  static final Pattern NAME = Pattern.compile("[a-zA-Z_]+[a-zA-Z0-9_]*");
  static final int MAX_NAME = 256;
  static final int MAX_VALUE_BYTES = 8 * 1024;
  static final int MAX_VARS = 512;
  static final int MAX_TOTAL_BYTES = 512 * 1024;
  private static final List<String> AUTH_NAMES =
      List.of(AuthEnv.JWT_PRIVATE_KEY, AuthEnv.JWKS, AuthEnv.SITE_URL);

  /** Built-in names the backend refuses to set, each with the origin it comes from. */
  static final java.util.Map<String, String> BUILT_IN =
      java.util.Map.of(
          BackendContainer.BUILT_IN_CLOUD_URL,
          "backend.origins.cloud",
          BackendContainer.BUILT_IN_SITE_URL,
          "backend.origins.site");

  /**
   * The env var provision keeps its list of managed names in; a compile-time constant, like the
   * built-in names above, so no class of desired is loaded.
   */
  static final String RESERVED = Names.MANAGED_ENV;

  private EnvSection() {}

  static SortedMap<String, Value> read(Fields root, Auth auth) {
    Fields env = root.child("env");
    SortedMap<String, Value> out = new TreeMap<>();
    long total = 0;
    for (var item : env.entries().entrySet()) {
      String name = item.getKey();
      Entry entry = item.getValue();
      if (!checkName(env, name, entry, auth)) {
        continue;
      }
      Value value = value(entry.value());
      if (value == null) {
        continue;
      }
      int bytes = value.text().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_VALUE_BYTES) {
        env.add(
            Diagnostic.error(
                    entry.value().position(),
                    env.path(name),
                    "env var `" + Quote.of(name) + "` is too long")
                .withExpected("at most 8 KiB (8192 bytes)")
                .withFound(bytes + " bytes"));
        continue;
      }
      total += bytes + name.length();
      out.put(name, value);
    }
    if (env.entries().size() > MAX_VARS) {
      env.add(
          Diagnostic.error(env.where(), "env", "too many env vars")
              .withExpected("at most " + MAX_VARS)
              .withFound(String.valueOf(env.entries().size())));
    }
    if (total > MAX_TOTAL_BYTES) {
      env.add(
          Diagnostic.error(env.where(), "env", "env vars are too large in total")
              .withExpected("at most 512 KiB (524288 bytes) of names and values")
              .withFound(total + " bytes"));
    }
    return java.util.Collections.unmodifiableSortedMap(out);
  }

  private static boolean checkName(Fields env, String name, Entry entry, Auth auth) {
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
      env.add(
          Diagnostic.error(
                  entry.keyPosition(),
                  env.path(name),
                  "env var name `" + abbreviate(name) + "` is not allowed")
              .withExpected(
                  "letters, digits and '_', not starting with a digit, at most 256"
                      + " characters"));
      return false;
    }
    if (BUILT_IN.containsKey(name)) {
      env.add(
          Diagnostic.error(
                  entry.keyPosition(),
                  env.path(name),
                  "env var `" + name + "` is built in: the backend refuses to set it")
              .withHint(
                  "remove it from `env`: functions read it from the origin; set `"
                      + BUILT_IN.get(name)
                      + "` to change its value"));
      return false;
    }
    if (name.equals(RESERVED)) {
      env.add(
          Diagnostic.error(
                  entry.keyPosition(),
                  env.path(name),
                  "env var `" + name + "` is reserved for provision")
              .withExpected("any other name")
              .withHint(
                  "remove it from `env`: provision keeps there the names of the env vars it"
                      + " manages, to know which to delete"));
      return false;
    }
    if (auth.enabled() && (AUTH_NAMES.contains(name) || name.startsWith("AUTH_"))) {
      env.add(
          Diagnostic.error(
                  entry.keyPosition(), env.path(name), "env var `" + name + "` is set by auth")
              .withHint("remove it from `env`: provision sets it from `auth:`"));
      return false;
    }
    return true;
  }

  private static Value value(YNode node) {
    if (node instanceof YScalar s) {
      return Fields.valueOf(s, false);
    }
    if (node instanceof YMap map && map.get("value") instanceof YScalar s) {
      boolean marked =
          map.get("sensitive") instanceof YScalar flag
              && flag.kind() == Kind.BOOL
              && Scalars.toBoolean(flag.text());
      return Fields.valueOf(s, marked);
    }
    return null;
  }

  private static String abbreviate(String name) {
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
  }
}
