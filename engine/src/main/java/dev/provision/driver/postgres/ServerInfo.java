package dev.provision.driver.postgres;

/**
 * What a successful {@link PostgresAdmin#check()} learned about a server and the engine's role.
 *
 * @param version the server's {@code server_version}, e.g. {@code 17.2 (Debian 17.2-1.pgdg120+1)}
 * @param user the role the engine is logged in as
 * @param maintenanceDatabase the database the admin connection uses: {@code postgres}, or {@code
 *     template1} on a server without {@code postgres}
 */
public record ServerInfo(String version, String user, String maintenanceDatabase) {

  /** The major version (17 for {@code 17.2 ...}), or 0 when the text is not a version. */
  public int majorVersion() {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
  }
}
