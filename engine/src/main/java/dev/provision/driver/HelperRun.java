package dev.provision.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A one-off helper container run to completion by {@link HostDriver#runHelper(HelperRun)}, such as
 * a Postgres tools container that dumps or restores a database. Its environment is where secrets go
 * (a password as {@code PGPASSWORD}): never in {@code command}, which an engine may log.
 *
 * @param name the container's name (removed first by the caller, and after it)
 * @param image the image, which must be present
 * @param command the entrypoint and its arguments
 * @param volumes volume name to mount path
 * @param env the container's environment (may hold secrets: never shown)
 * @param network a network to join, or null for Docker's default
 * @param inputTar a local tar extracted into {@code inputDir} after the container is created and
 *     before it starts, or null
 * @param inputDir where {@code inputTar} goes, or null without one
 */
public record HelperRun(
    String name,
    String image,
    List<String> command,
    Map<String, String> volumes,
    Map<String, String> env,
    String network,
    Path inputTar,
    String inputDir) {
  public HelperRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    volumes = Map.copyOf(volumes);
    env = Map.copyOf(env);
  }

  /** A run with no volume, no input and {@code env} on {@code network}. */
  public static HelperRun onNetwork(
      String name, String image, List<String> command, Map<String, String> env, String network) {
    return new HelperRun(name, image, command, Map.of(), env, network, null, null);
  }

  /** The same run with {@code tar} extracted into {@code dir} before it starts. */
  public HelperRun withInput(Path tar, String dir) {
    return new HelperRun(name, image, command, volumes, env, network, tar, dir);
  }

  /** Names the environment's keys only, so a secret never reaches a log. */
  @Override
  public String toString() {
    return "HelperRun[" + name + ", " + image + ", " + command + ", env " + env.keySet() + "]";
  }
}
