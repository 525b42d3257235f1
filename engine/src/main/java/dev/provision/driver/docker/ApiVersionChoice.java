package dev.provision.driver.docker;

import dev.provision.diag.ProvisionException;

/**
 * Chooses the Docker API version to speak, the way the docker CLI negotiates it: the lower of the
 * newest version this client understands and the newest the daemon serves (its {@code /version}
 * {@code ApiVersion}). A pinned version would break on daemons older than the pin (1.44 is refused
 * by Debian's 20.10, which serves 1.41) and, once daemons drop it, on newer ones (Docker 29 serves
 * nothing below 1.44); asking the daemon works for both. {@code -Dapi.version} is not read: the
 * choice never depends on how the JVM was started.
 *
 * <p>Pure: versions in, version out.
 */
public final class ApiVersionChoice {

  /** The newest API version docker-java 3.7 models (1.44). */
  public static final String CLIENT_MAX = "1.44";

  /**
   * The oldest version the driver's requests are written for: 1.25 brings mounts on create, network
   * aliases and stop timeouts.
   */
  public static final String CLIENT_MIN = "1.25";

  private ApiVersionChoice() {}

  /**
   * The version to use against a daemon whose {@code /version} answered {@code serverMax} (its
   * {@code ApiVersion}) and {@code serverMin} ({@code MinAPIVersion}, null when absent).
   */
  public static String choose(String serverMax, String serverMin, String endpoint) {
    if (serverMax == null || parse(serverMax) == null) {
      throw ProvisionException.of(
          "the Docker engine at " + endpoint + " did not report its API version",
          "check that " + endpoint + " is a Docker engine (docker version should answer)");
    }
    String chosen = compare(serverMax, CLIENT_MAX) < 0 ? serverMax : CLIENT_MAX;
    if (compare(chosen, CLIENT_MIN) < 0) {
      throw ProvisionException.of(
          "the Docker engine at "
              + endpoint
              + " speaks API "
              + serverMax
              + ", older than "
              + CLIENT_MIN,
          "upgrade Docker to 17.03 or newer");
    }
    if (serverMin != null && parse(serverMin) != null && compare(chosen, serverMin) < 0) {
      throw ProvisionException.of(
          "the Docker engine at "
              + endpoint
              + " needs API "
              + serverMin
              + " or newer; this"
              + " version of provision speaks at most "
              + CLIENT_MAX,
          "upgrade provision, or use a Docker engine that still accepts API " + CLIENT_MAX);
    }
    return chosen;
  }

  /**
   * Whether {@code serverMax} is a version this client speaks as it is (from {@link #CLIENT_MIN} to
   * {@link #CLIENT_MAX}): then it is the one {@link #choose} picks, whatever the daemon's oldest.
   */
  public static boolean spoken(String serverMax) {
    return parse(serverMax) != null
        && compare(serverMax, CLIENT_MAX) <= 0
        && compare(serverMax, CLIENT_MIN) >= 0;
  }

  /** Orders {@code MAJOR.MINOR} versions numerically (1.9 is older than 1.41). */
  static int compare(String a, String b) {
    int[] x = parse(a);
    int[] y = parse(b);
    return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
  }

  private static int[] parse(String version) {
    String[] parts = version.trim().split("\\.");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
