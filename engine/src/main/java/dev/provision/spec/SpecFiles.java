package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import dev.provision.model.FrontendEnv;
import dev.provision.model.Outputs;
import dev.provision.model.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps apart the files a spec reads and writes: the spec and its base files (read), the secrets
 * file and the env file (written), and a plan saved with {@code --out}. Writing one over another
 * would destroy it (a spec overwritten by its secrets), so two of them naming the same file is
 * refused. The same file means the same real path where it exists, else the same normalized
 * absolute path.
 */
public final class SpecFiles {
  private static final String REFERENCED = "a file the spec reads through `${file:}`";

  private static final String NOT_REGULAR = "a device, a pipe or a folder, not a regular file";

  private SpecFiles() {}

  /** True when {@code path} exists and is not a regular file (following links): never replaced. */
  private static boolean notRegular(Path path) {
    return Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(path);
  }

  /** True when the two paths name the same file (following links where the files exist). */
  public static boolean same(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException | SecurityException e) {
      // fall through to comparing the paths
    }
    return canonical(a).equals(canonical(b));
  }

  /**
   * Refuses a plan file ({@code option} such as {@code --out}) that names the spec, a base file,
   * the secrets file or the env file of {@code result}.
   *
   * @throws ProvisionException naming which file it would overwrite
   */
  public static void refuseOutput(SpecResult result, Path out, String option) {
    Path envFile = result.spec().outputs().envFile();
    String over = overwritten(result, out);
    if (over == null && envFile != null && same(out, envFile)) {
      over = "the env file (`outputs.envFile`)";
    }
    if (over == null) {
      over = frontend(result, out);
    }
    refuse(over, out, option, "plan.json", "for the plan");
  }

  /**
   * Refuses an env file written with {@code option} (such as {@code env-file --out}) that names the
   * spec, a base file or the secrets file of {@code result}.
   */
  public static void refuseEnvFileOutput(SpecResult result, Path out, String option) {
    String over = overwritten(result, out);
    refuse(
        over == null ? frontend(result, out) : over, out, option, ".env.local", "for the env file");
  }

  /**
   * Refuses a Secret manifest written with {@code option} (such as {@code render --secrets}) that
   * names the spec, a base file, the secrets file or an env file of {@code result}.
   */
  public static void refuseSecretManifestOutput(SpecResult result, Path out, String option) {
    String over = overwritten(result, out);
    Path envFile = result.spec().outputs().envFile();
    if (over == null && envFile != null && same(out, envFile)) {
      over = "the env file (`outputs.envFile`)";
    }
    refuse(
        over == null ? frontend(result, out) : over,
        out,
        option,
        "secret.yaml",
        "for the Secret manifest");
  }

  private static String frontend(SpecResult result, Path out) {
    FrontendEnv f = result.spec().outputs().frontendEnv();
    return f != null && same(out, f.path())
        ? "the frontend env file (`outputs.frontendEnv`)"
        : null;
  }

  private static String overwritten(SpecResult result, Path out) {
    for (Path file : result.files()) {
      if (same(out, file)) {
        return file.equals(result.spec().source()) ? "the spec file" : "the base file " + file;
      }
    }
    for (Path file : result.referenced()) {
      if (same(out, file)) {
        return REFERENCED;
      }
    }
    return same(out, result.spec().secrets().file()) ? "the secrets file" : null;
  }

  /**
   * Refuses a plan file that names the older spec a plan is made against ({@code --against
   * OLD_SPEC}), one of its base files or a file it reads through a reference.
   */
  public static void refuseAgainstOutput(SpecResult against, Path out, String option) {
    String over = overwritten(against, out);
    if (over != null && over.equals("the spec file")) {
      over = "the spec planned against (`--against`)";
    }
    refuse(over, out, option, "plan.json", "for the plan");
  }

  private static void refuse(String over, Path out, String option, String example, String what) {
    if (over != null) {
      throw new ProvisionException(
          Diagnostic.error(null, option, "`" + option + "` would overwrite " + Quote.of(over))
              .withExpected("a file of its own, such as " + example)
              .withFound(Quote.of(out.toString()))
              .withHint("choose another file name " + what + "; nothing was written"));
    }
  }

  /**
   * Reports a secrets file or env file that names a file the spec is read from, a file it reads
   * through {@code ${file:}} (a token the user keeps), or each other.
   */
  static void check(
      Fields root, List<Path> sources, List<Path> referenced, Secrets secrets, Outputs outputs) {
    Fields s = root.child("secrets");
    if (s.has("file") && secrets.file() != null) {
      String clash = clash(secrets.file(), sources, referenced, null);
      if (clash != null) {
        s.add(
            s.error("file", "`secrets.file` names " + clash)
                .withExpected("a file of its own, such as .provision/secrets.json")
                .withHint("provision writes generated secrets there, over what the file holds"));
      }
    }
    Fields o = root.child("outputs");
    Path envFile = outputs.envFile();
    checkFrontend(o.child("frontendEnv"), sources, referenced, secrets, outputs);
    if (envFile == null || !o.has("envFile")) {
      return;
    }
    String clash = clash(envFile, sources, referenced, secrets);
    if (clash != null) {
      o.add(
          o.error("envFile", "`outputs.envFile` names " + clash)
              .withExpected("a file of its own, such as .env.local")
              .withHint("provision writes the env file over what the file holds"));
    }
  }

  /** Reports a frontend env file that names the spec, a base file, the secrets or the env file. */
  private static void checkFrontend(
      Fields f, List<Path> sources, List<Path> referenced, Secrets secrets, Outputs outputs) {
    FrontendEnv frontend = outputs.frontendEnv();
    if (frontend == null || !f.has("path")) {
      return;
    }
    Path path = frontend.path();
    String clash = clash(path, sources, referenced, secrets);
    if (clash == null && outputs.envFile() != null && same(path, outputs.envFile())) {
      clash = "the env file (`outputs.envFile`), which holds an admin key";
    }
    if (clash != null) {
      f.add(
          f.error("path", "`outputs.frontendEnv.path` names " + clash)
              .withExpected("a file of its own, such as .env")
              .withHint("the frontend's file is shipped to browsers; give it its own name"));
    }
  }

  /**
   * Which read file (the spec, a base file, a {@code ${file:}} target), or the secrets file when
   * {@code secrets} is given, {@code written} names; or that it is not a regular file; else null.
   */
  private static String clash(
      Path written, List<Path> sources, List<Path> referenced, Secrets secrets) {
    for (Path source : sources) {
      if (same(written, source)) {
        return role(source, sources);
      }
    }
    if (referenced.stream().anyMatch(r -> same(written, r))) {
      return REFERENCED;
    }
    if (notRegular(written)) {
      return NOT_REGULAR;
    }
    return secrets != null && secrets.file() != null && same(written, secrets.file())
        ? "the secrets file"
        : null;
  }

  private static String role(Path source, List<Path> sources) {
    return source.equals(sources.get(0))
        ? "the spec file itself"
        : "the base file `" + Quote.of(String.valueOf(source.getFileName())) + "`";
  }

  private static Path canonical(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath();
    } catch (IOException | SecurityException e) {
      Path parent = absolute.getParent();
      try {
        return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
      } catch (IOException | SecurityException again) {
        return absolute;
      }
    }
  }
}
