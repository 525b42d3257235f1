package dev.provision.driver.postgres;

import dev.provision.diag.ProvisionException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major version of a tools image's {@code pg_dump}, read from {@code pg_dump --version}, and
 * whether it can dump a server: {@code pg_dump} refuses a server of a newer major than its own, so
 * the engine refuses first, before anything stops.
 */
public final class ToolsVersion {
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");

  private ToolsVersion() {}

  /** The major of {@code pg_dump (PostgreSQL) 17.2 (Debian ...)}, empty when not such a line. */
  public static Optional<Integer> major(String versionOutput) {
    Matcher m = VERSION.matcher(versionOutput);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The refusal when {@code toolsMajor} cannot dump a {@code serverMajor} server, else empty. */
  public static Optional<ProvisionException> refusal(
      int toolsMajor, int serverMajor, String toolsImage) {
    if (toolsMajor >= serverMajor) {
      return Optional.empty();
    }
    return Optional.of(
        ProvisionException.of(
            "pg_dump "
                + toolsMajor
                + " (image "
                + toolsImage
                + ") cannot dump a "
                + serverMajor
                + " server; nothing was stopped",
            "set database.postgres.external.toolsImage to postgres:" + serverMajor + " or newer"));
  }
}
