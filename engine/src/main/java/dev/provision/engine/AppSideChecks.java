package dev.provision.engine;

import dev.provision.convex.FrontendEnvKeys;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.exec.steps.WriteEnvFileStep;
import dev.provision.model.FrontendEnv;
import dev.provision.model.Spec;
import dev.provision.outputs.EnvFileContent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The doctor's checks of the app's side: the frontend env file (outputs.frontendEnv) holds the
 * backend's URLs under the framework's names and a browser can reach them, and no Convex cloud
 * variable (CONVEX_DEPLOYMENT, CONVEX_DEPLOY_KEY, CONVEX_ADMIN_KEY) sits in the env files or in the
 * shell environment provision runs in, where it would send the Convex CLI elsewhere or leak a key.
 * Names and places only, never a value.
 */
final class AppSideChecks {
  static final String FRONTEND = "frontend env file";
  static final String STRAY = "stray Convex variables";

  /** Variables of Convex cloud that do not belong next to a self-hosted deployment. */
  static final List<String> STRAY_KEYS =
      Stream.concat(
              Stream.of("CONVEX_ADMIN_KEY", "CONVEX_DEPLOY_KEY"),
              EnvFileContent.CONFLICTING.stream().sorted())
          .toList();

  private AppSideChecks() {}

  static List<DoctorCheck> check(Spec spec, Map<String, String> environment) {
    return List.of(frontend(spec), stray(spec, environment));
  }

  private static DoctorCheck frontend(Spec spec) {
    FrontendEnv f = spec.outputs().frontendEnv();
    if (f == null) {
      return DoctorCheck.skip(FRONTEND, "outputs.frontendEnv is not set in the spec");
    }
    String write = "`provision apply " + spec.source() + "` writes it";
    Optional<Map<String, String>> read = entries(f.path());
    if (read.isEmpty()) {
      return DoctorCheck.fail(FRONTEND, f.path() + " does not exist or cannot be read", write);
    }
    Map<String, String> entries = read.get();
    List<String> problems = new ArrayList<>();
    compare(entries, FrontendEnvKeys.url(f.framework()), spec.backend().cloudOrigin(), problems);
    if (f.siteUrl() || spec.auth().enabled()) {
      compare(
          entries, FrontendEnvKeys.siteUrl(f.framework()), spec.backend().siteOrigin(), problems);
    }
    String hint = problems.isEmpty() ? null : write;
    String url = entries.get(FrontendEnvKeys.url(f.framework()));
    if (url != null) {
      for (Diagnostic d :
          OriginCheck.warnings(url, "backend.origins.cloud", OriginCheck.Reader.BROWSER)) {
        problems.add(FrontendEnvKeys.url(f.framework()) + ": " + d.message());
        hint = hint == null ? d.hint() : hint + "; " + d.hint();
      }
    }
    if (!problems.isEmpty()) {
      return DoctorCheck.fail(FRONTEND, String.join("; ", problems), hint);
    }
    return DoctorCheck.ok(FRONTEND, f.path() + " points the browser at " + url);
  }

  private static void compare(
      Map<String, String> entries, String key, String want, List<String> problems) {
    String have = entries.get(key);
    if (have == null) {
      problems.add("no " + key + " line");
    } else if (!strip(have).equals(strip(want))) {
      problems.add(key + " is " + have + ", the backend's is " + want);
    }
  }

  private static DoctorCheck stray(Spec spec, Map<String, String> environment) {
    List<String> found = new ArrayList<>();
    for (String key : STRAY_KEYS) {
      String value = environment.get(key);
      if (value != null && !value.isBlank()) {
        found.add(key + " in the shell environment");
      }
    }
    List<Path> files = new ArrayList<>();
    if (spec.outputs().envFile() != null) {
      files.add(spec.outputs().envFile());
    }
    if (spec.outputs().frontendEnv() != null) {
      files.add(spec.outputs().frontendEnv().path());
    }
    for (Path file : files) {
      Map<String, String> entries = entries(file).orElse(Map.of());
      for (String key : STRAY_KEYS) {
        if (entries.containsKey(key)) {
          found.add(key + " in " + file);
        }
      }
    }
    if (found.isEmpty()) {
      return DoctorCheck.ok(STRAY, "none of " + String.join(", ", STRAY_KEYS));
    }
    return DoctorCheck.fail(
        STRAY,
        String.join("; ", found),
        "remove them: CONVEX_DEPLOYMENT and CONVEX_DEPLOY_KEY point the Convex CLI at Convex"
            + " cloud (it refuses them next to CONVEX_SELF_HOSTED_URL), and an admin key belongs"
            + " only in outputs.envFile as CONVEX_SELF_HOSTED_ADMIN_KEY, never in the shell or a"
            + " file the frontend ships");
  }

  private static Optional<Map<String, String>> entries(Path file) {
    try {
      return WriteEnvFileStep.read(file).map(text -> EnvFileContent.parse(text).entries());
    } catch (ProvisionException e) {
      return Optional.empty();
    }
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
