package dev.provision.functions;

import dev.provision.diag.ProvisionException;
import dev.provision.outputs.EnvFileContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Convex CLI also reads {@code .env.local} in the app folder, and a {@code CONVEX_DEPLOYMENT}
 * line there makes it refuse self-hosted settings (or push to a cloud deployment). provision
 * refuses to push while such a line is there, and says how to fix it; it never edits the user's
 * file.
 */
public final class EnvLocalGuard {
  static final String FILE = ".env.local";

  private EnvLocalGuard() {}

  /** Refuses when {@code dir/.env.local} sets {@code CONVEX_DEPLOYMENT}. */
  public static void check(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw ProvisionException.of(
          "functions: cannot read " + file + ": " + e.getMessage(), "check its permissions");
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq > 0 && EnvFileContent.CONFLICTING.contains(line.substring(0, eq).strip())) {
        throw ProvisionException.of(
            "functions: "
                + file
                + " line "
                + (i + 1)
                + " sets "
                + line.substring(0, eq).strip()
                + ", which points the Convex CLI at a cloud deployment"
                + " instead of this self-hosted one",
            "delete that line (self-hosted pushes use CONVEX_SELF_HOSTED_URL and"
                + " CONVEX_SELF_HOSTED_ADMIN_KEY, which provision passes itself), then run"
                + " again");
      }
    }
  }
}
