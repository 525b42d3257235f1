package dev.provision.functions;

import dev.provision.diag.ProvisionException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds {@code node}, {@code npm} and {@code npx} on the {@code PATH} of the environment provision
 * runs in: plan and apply check them before anything runs (validate does not: it must work offline
 * in a pull request, where no Node may be installed; status and doctor only say they are missing).
 */
public final class FunctionsTools {
  static final List<String> NEEDED = List.of("node", "npm", "npx");

  private FunctionsTools() {}

  /**
   * Refuses when any of {@code node}, {@code npm}, {@code npx} is missing.
   *
   * @throws ProvisionException naming each missing program
   */
  public static void check(Map<String, String> environment) {
    List<String> missing = missing(environment);
    if (!missing.isEmpty()) {
      throw ProvisionException.of(
          "functions: cannot push the app's functions: "
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " not found on PATH",
          "install Node.js 20 or later (it brings npm and npx), or remove `functions:` from the"
              + " spec");
    }
  }

  /** Which of {@code node}, {@code npm}, {@code npx} are not on {@code PATH}, in that order. */
  public static List<String> missing(Map<String, String> environment) {
    List<String> missing = new ArrayList<>();
    for (String program : NEEDED) {
      if (find(environment, program).isEmpty()) {
        missing.add(program);
      }
    }
    return missing;
  }

  /** The executable {@code program} on {@code PATH}, if any. */
  static Optional<Path> find(Map<String, String> environment, String program) {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
