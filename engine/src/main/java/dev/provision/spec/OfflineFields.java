package dev.provision.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The fields whose reference an offline plan may leave unresolved: sensitive values that are passed
 * on as they are (to a container's environment, the deployment's env vars or the secrets file) and
 * that nothing parses to build the plan. Everything else is structural: names and labels
 * (deployment, volumes), ports, bind addresses, images, the target, origins, paths, and any value
 * the reader must parse (URLs, enums); a reference there must resolve even offline.
 */
final class OfflineFields {
  private static final List<Pattern> OPAQUE =
      List.of(
          Pattern.compile("secrets\\.instanceSecret"),
          Pattern.compile("database\\.postgres\\.(managed|external)\\.password"),
          Pattern.compile("database\\.postgres\\.external\\.url"),
          Pattern.compile("backend\\.storage\\.s3\\.(accessKeyId|secretAccessKey)"),
          Pattern.compile("auth\\.providers\\.[^.]+\\.(clientId|clientSecret|apiKey)"),
          Pattern.compile("env\\.[^.]+(\\.value)?"));

  private OfflineFields() {}

  /** True when an offline plan may carry an unresolved reference at this YAML path. */
  static boolean opaque(String path) {
    return OPAQUE.stream().anyMatch(p -> p.matcher(path).matches());
  }

  /** The fields {@link #opaque} accepts, in words, for hints. */
  static String listed() {
    return "passwords, keys, the instance secret, env values and the Postgres url";
  }
}
