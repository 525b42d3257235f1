package dev.provision.functions;

import dev.provision.diag.ProvisionException;
import dev.provision.outputs.EnvFileContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Convex CLI also reads {@code .env.local} in the app folder, and a {@code CONVEX_DEPLOYMENT}
 * line there makes it refuse self-hosted settings (or push to a cloud deployment). provision
 * refuses to push while such a line is there, and says how to fix it; it never edits the user's
 * file.
 */
public final class EnvLocalGuard {
  static final String FILE = ".env.local";

  /**
   * A key as the CLI's dotenv reads it: leading blanks (and a BOM), an optional {@code export}
   * followed by any blank, then {@code KEY=} or {@code KEY:}.
   */
  private static final Pattern KEY =
      Pattern.compile("^\\uFEFF?\\s*(?:export\\s+)?([\\w.-]+)\\s*[=:]");

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
      Matcher m = KEY.matcher(lines.get(i));
      if (m.lookingAt() && EnvFileContent.CONFLICTING.contains(m.group(1))) {
        throw ProvisionException.of(
            "functions: "
                + file
                + " line "
                + (i + 1)
                + " sets "
                + m.group(1)
                + ", which points the Convex CLI at a cloud deployment"
                + " instead of this self-hosted one",
            "delete that line (self-hosted pushes use CONVEX_SELF_HOSTED_URL and"
                + " CONVEX_SELF_HOSTED_ADMIN_KEY, which provision passes itself), then run"
                + " again");
      }
    }
  }
}
