package dev.provision.secrets;

/**
 * The user's answer when the copies of an instance secret disagree ({@code apply
 * --adopt-secret=live|file}).
 */
public enum AdoptSecret {
  /**
   * Keep the secret the deployment runs with: the running backend's INSTANCE_SECRET, else the
   * credentials file in its data volume. The secrets file takes it (its old value stays in the
   * file's history). Admin keys issued for the running deployment keep working.
   */
  LIVE,
  /**
   * Put the secrets file's secret back into the deployment. That rotates the secret of the existing
   * data (keys issued from the live secret die), so apply also needs {@code
   * --allow-secret-rotation}.
   */
  FILE;

  /** Reads {@code live} or {@code file} (any case). */
  public static AdoptSecret parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "live" -> LIVE;
      case "file" -> FILE;
      default -> throw new IllegalArgumentException("expected live or file, found " + text);
    };
  }
}
