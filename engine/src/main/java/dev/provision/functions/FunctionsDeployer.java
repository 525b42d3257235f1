package dev.provision.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.convex.EnvFileKeys;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Functions;
import dev.provision.model.Sensitive;
import dev.provision.outputs.EnvFileContent;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Pushes an app's functions with the app's own Convex CLI: {@code npm ci} first when {@code
 * node_modules} is missing or the lock file changed since the last install (so {@code npx} never
 * fetches another CLI), then {@code npx --no-install convex deploy} in the app folder. The URL and
 * admin key go only into the child's environment ({@code CONVEX_SELF_HOSTED_URL}, {@code
 * CONVEX_SELF_HOSTED_ADMIN_KEY}; never argv, never a file), with {@code CONVEX_DEPLOYMENT} and
 * {@code CONVEX_DEPLOY_KEY} removed. Every output line goes to a listener with the key and every
 * other sensitive text masked; nothing is printed here. A stop request or the timeout ends the
 * child's whole process tree ({@link ChildRun}).
 */
public final class FunctionsDeployer {
  /** npm's own record of its last install in {@code node_modules}. */
  static final String INSTALLED = ".package-lock.json";

  /** Shorter values are not taken for secrets (they would match ordinary settings). */
  static final int MIN_SECRET = 4;

  /** A Convex cloud deploy key: it would send the push to a cloud deployment. */
  static final String DEPLOY_KEY = "CONVEX_DEPLOY_KEY";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> environment;

  /**
   * @param environment the environment provision runs in (PATH, HOME...), copied for children
   */
  public FunctionsDeployer(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Runs the push; returns normally only when the CLI exited 0.
   *
   * @param masks every sensitive text of the spec and deployment, masked in the output (the admin
   *     key is added here): the lines are safe to show without another filter
   * @param stopped ends the push (and every process under it) when requested: Ctrl-C, SIGTERM
   * @throws ProvisionException when npm or the CLI fails, times out or is stopped (the backend then
   *     keeps the functions it had)
   */
  public void deploy(
      Functions functions,
      URI url,
      String adminKey,
      Sensitive masks,
      Consumer<String> lines,
      BooleanSupplier stopped) {
    FunctionsTools.check(environment);
    Path dir = functions.dir();
    EnvLocalGuard.check(dir);
    Path lock = dir.resolve(FunctionsHash.LOCK);
    if (!Files.isRegularFile(lock)) {
      throw ProvisionException.of(
          "functions: " + dir + " has no package-lock.json",
          "run `npm install` once in the app folder and commit package-lock.json, so every push"
              + " uses the same Convex CLI");
    }
    Sensitive secrets = masks.plus(Sensitive.of(List.of(adminKey)));
    Instant deadline = Instant.now().plus(functions.timeout());
    if (needsInstall(dir)) {
      lines.accept("functions: npm ci (node_modules is missing or older than the lock file)");
      ChildRun.run(
          List.of("npm", "ci", "--no-audit", "--no-fund"),
          dir,
          childEnv(null, null, secrets),
          deadline,
          functions.timeout(),
          secrets,
          lines,
          stopped,
          "npm ci");
    }
    functions.cli().ifPresent(want -> checkCli(dir, want));
    ChildRun.run(
        List.of("npx", "--no-install", "convex", "deploy"),
        dir,
        childEnv(url, adminKey, secrets),
        deadline,
        functions.timeout(),
        secrets,
        lines,
        stopped,
        "npx convex deploy");
  }

  /** The child's environment: provision's, less Convex deployment settings, plus url and key. */
  Map<String, String> childEnv(URI url, String adminKey) {
    return childEnv(url, adminKey, Sensitive.NONE);
  }

  /**
   * As {@link #childEnv(URI, String)}, also without any variable whose value is a secret of the
   * spec (read through {@code ${env:}}): {@code npm ci} runs the dependencies' install scripts,
   * which have no business seeing the database password or the auth secrets.
   */
  Map<String, String> childEnv(URI url, String adminKey, Sensitive secrets) {
    Map<String, String> env = new TreeMap<>(environment);
    env.values().removeIf(v -> v.length() >= MIN_SECRET && secrets.texts().contains(v));
    EnvFileContent.CONFLICTING.forEach(env::remove);
    env.remove(DEPLOY_KEY);
    env.remove(EnvFileKeys.URL);
    env.remove(EnvFileKeys.ADMIN_KEY);
    if (url != null) {
      env.put(EnvFileKeys.URL, url.toString().replaceAll("/+$", ""));
      env.put(EnvFileKeys.ADMIN_KEY, adminKey);
    }
    env.put("CI", "1"); // never a prompt
    return env;
  }

  private static void checkCli(Path dir, String want) {
    Path pkg = dir.resolve("node_modules").resolve("convex").resolve("package.json");
    String have;
    try {
      have = JSON.readTree(pkg.toFile()).path("version").asText("");
    } catch (IOException e) {
      have = "";
    }
    if (!want.equals(have)) {
      throw ProvisionException.of(
          "functions: the spec asks for convex CLI "
              + want
              + " but the app installs "
              + (have.isEmpty() ? "none" : have),
          "pin it in the app (`npm install convex@"
              + want
              + " --save-exact`), or remove"
              + " `functions.cli` to use the app's own version");
    }
  }

  /**
   * True when {@code node_modules} has no convex CLI, or the lock file is newer than npm's record
   * of its last install there (the lock changed since, such as after a pull).
   */
  static boolean needsInstall(Path dir) {
    Path modules = dir.resolve("node_modules");
    Path installed = modules.resolve(INSTALLED);
    if (!Files.isDirectory(modules.resolve("convex")) || !Files.isRegularFile(installed)) {
      return true;
    }
    try {
      return Files.getLastModifiedTime(dir.resolve(FunctionsHash.LOCK))
              .compareTo(Files.getLastModifiedTime(installed))
          > 0;
    } catch (IOException e) {
      return true;
    }
  }
}
