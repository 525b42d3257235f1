package dev.provision.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.convex.EnvFileKeys;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Functions;
import dev.provision.outputs.EnvFileContent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pushes an app's functions with the app's own Convex CLI: {@code npm ci} first when {@code
 * node_modules} is missing or the lock file changed since the last install (so {@code npx} never
 * fetches another CLI), then {@code npx --no-install convex deploy} in the app folder. The URL and
 * admin key go only into the child's environment ({@code CONVEX_SELF_HOSTED_URL}, {@code
 * CONVEX_SELF_HOSTED_ADMIN_KEY}; never argv, never a file), with {@code CONVEX_DEPLOYMENT} and
 * {@code CONVEX_DEPLOY_KEY} removed. Every output line goes to a listener with the key masked;
 * nothing is printed here.
 */
public final class FunctionsDeployer {
  /** npm's own record of its last install in {@code node_modules}. */
  static final String INSTALLED = ".package-lock.json";

  static final String MASK = "[masked]";

  /** Shorter secret texts are not masked nor looked for (they would match ordinary words). */
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
   * @param masks secret texts to mask in the output besides the admin key
   * @throws ProvisionException when npm or the CLI fails or times out (the backend then keeps the
   *     functions it had)
   */
  public void deploy(
      Functions functions, URI url, String adminKey, List<String> masks, Consumer<String> lines) {
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
    List<String> secrets = new ArrayList<>(masks);
    secrets.add(adminKey);
    Instant deadline = Instant.now().plus(functions.timeout());
    if (needsInstall(dir)) {
      lines.accept("functions: npm ci (node_modules is missing or older than the lock file)");
      run(
          List.of("npm", "ci", "--no-audit", "--no-fund"),
          dir,
          childEnv(null, null, secrets),
          deadline,
          secrets,
          lines,
          "npm ci");
    }
    functions.cli().ifPresent(want -> checkCli(dir, want));
    run(
        List.of("npx", "--no-install", "convex", "deploy"),
        dir,
        childEnv(url, adminKey, secrets),
        deadline,
        secrets,
        lines,
        "npx convex deploy");
  }

  Map<String, String> childEnv(URI url, String adminKey) {
    return childEnv(url, adminKey, List.of());
  }

  /**
   * The child's environment: provision's, less Convex deployment settings and less every variable
   * whose value is one of {@code secrets} (a spec's {@code ${env:}} references: npm runs the
   * dependencies' install scripts, which have no business with the database password), plus url and
   * key.
   */
  Map<String, String> childEnv(URI url, String adminKey, List<String> secrets) {
    Map<String, String> env = new TreeMap<>(environment);
    env.values().removeIf(v -> v.length() >= MIN_SECRET && secrets.contains(v));
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

  private static void run(
      List<String> command,
      Path dir,
      Map<String, String> env,
      Instant deadline,
      List<String> secrets,
      Consumer<String> lines,
      String what) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw ProvisionException.of(
          "functions: cannot start " + what + ": " + e.getMessage(),
          "check that Node.js (node, npm, npx) is installed and on PATH");
    }
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.accept(mask(line, secrets));
                }
              } catch (IOException ignored) {
                // the process ended or was killed; its exit code tells
              }
            },
            "provision-functions-output");
    pump.setDaemon(true);
    pump.start();
    try {
      long waitMs = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      if (!p.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        pump.join(2000);
        throw ProvisionException.of(
            "functions: "
                + what
                + " did not finish within the timeout; the backend keeps its"
                + " previous functions",
            "raise `functions.timeout` in the spec, or run `provision deploy-functions` again");
      }
      pump.join(5000);
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw ProvisionException.of(
          "functions: " + what + " was interrupted; the backend keeps its previous functions",
          "run `provision deploy-functions` again");
    }
    if (p.exitValue() != 0) {
      throw ProvisionException.of(
          "functions: "
              + what
              + " failed (exit "
              + p.exitValue()
              + "); the backend keeps its previous functions",
          "fix what the Convex CLI reported above, then run apply or `provision deploy-functions`"
              + " again");
    }
  }

  /** The line with every secret text replaced. */
  static String mask(String line, List<String> secrets) {
    String out = line;
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_SECRET) {
        out = out.replace(s, MASK);
      }
    }
    return out;
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
