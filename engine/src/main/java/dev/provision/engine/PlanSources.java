package dev.provision.engine;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.ProvisionException;
import dev.provision.plan.PlanSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a saved plan comes from: the spec file and the overlays it extends, each with the SHA-256
 * of its bytes, and the {@code --set} arguments as written. Paths are kept relative to the plan
 * file's folder, so a plan file and its spec can move together (a CI artifact with its checkout).
 */
public final class PlanSources {
  private static final Pattern EXTENDS = Pattern.compile("(?m)^extends:\\s*[\"']?([^\"'#\\s]+)");
  private static final int MAX_FILES = 16;
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)(password|secret|token|apikey|api_key|privatekey|private_key)");

  /** Largest spec or base file hashed: 1 MiB, as the spec reader allows. */
  static final int MAX_SPEC_BYTES = 1024 * 1024;

  private PlanSources() {}

  /**
   * The source of a plan of {@code spec} with {@code sets}, saved into {@code planDir}.
   *
   * @throws ProvisionException when a {@code --set} writes a secret-looking value in plain text:
   *     the plan file keeps {@code --set} arguments as written, so it would hold the secret
   */
  public static PlanSource of(Path spec, List<String> sets, Path planDir) {
    refusePlainSecrets(sets);
    List<PlanSource.SourceFile> files = new ArrayList<>();
    Path file = spec;
    while (file != null && files.size() < MAX_FILES) {
      byte[] bytes = read(file);
      files.add(new PlanSource.SourceFile(relative(planDir, file), sha256(bytes)));
      Matcher m = EXTENDS.matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      Path parent = file.toAbsolutePath().getParent();
      file = m.find() ? parent.resolve(m.group(1)).normalize() : null;
    }
    return new PlanSource(relative(planDir, spec), files, sets);
  }

  private static void refusePlainSecrets(List<String> sets) {
    for (String set : sets) {
      int eq = set.indexOf('=');
      String path = eq < 0 ? set : set.substring(0, eq);
      String value = eq < 0 ? "" : set.substring(eq + 1);
      String last = path.substring(path.lastIndexOf('.') + 1);
      boolean reference =
          value.matches("\\$\\{(env|file):[^}]*}") || value.isEmpty() || value.equals("null");
      if (SECRET_NAME.matcher(last).find() && !reference) {
        throw ProvisionException.of(
            "--set "
                + path
                + " gives a secret in plain text, and a saved plan keeps --set arguments as"
                + " written",
            "pass it as a reference, e.g. --set " + path + "='${env:NAME}', then save the plan");
      }
    }
  }

  /** The spec file a source names, from the folder of the plan file that holds it. */
  public static Path spec(PlanSource source, Path planDir) {
    return planDir.resolve(source.spec()).normalize();
  }

  /** The files of {@code source} whose content differs now (by their recorded paths). */
  public static List<String> changed(PlanSource source, Path planDir) {
    List<String> out = new ArrayList<>();
    for (PlanSource.SourceFile f : source.files()) {
      Path path = planDir.resolve(f.path()).normalize();
      if (!Files.isRegularFile(path)) {
        out.add("spec file " + f.path() + " is gone");
      } else if (!sha256(read(path)).equals(f.sha256())) {
        out.add("spec file " + f.path() + " changed");
      }
    }
    return out;
  }

  private static String relative(Path planDir, Path file) {
    Path from = planDir.toAbsolutePath().normalize();
    Path to = file.toAbsolutePath().normalize();
    return from.relativize(to).toString().replace('\\', '/');
  }

  /**
   * A spec or base file: regular, at most {@link #MAX_SPEC_BYTES} (the spec reader's own limit), so
   * a tampered plan naming {@code /dev/zero}, a FIFO or a huge file cannot hang or exhaust memory.
   */
  private static byte[] read(Path file) {
    return BoundedFile.read(file, "spec file", MAX_SPEC_BYTES);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
