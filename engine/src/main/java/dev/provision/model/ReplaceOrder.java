package dev.provision.model;

/**
 * In which order a container is replaced, decided from typed data only (mounts and ports), never
 * from a name or a display string.
 *
 * <ul>
 *   <li>{@link #STOP_FIRST}: the old container is stopped (kept as {@code NAME-prev}) before the
 *       new one starts. Always for a container that owns data ({@link
 *       ContainerResource#ownsData()}: the backend's data volume, the Postgres data directory): two
 *       processes must never write the same data set, not even for a moment. Also for a stateless
 *       container whose new configuration needs a host port the old one holds.
 *   <li>{@link #SIDE_BY_SIDE}: the new one starts and becomes ready while the old one still serves
 *       (only for stateless containers such as the dashboard).
 * </ul>
 */
public enum ReplaceOrder {
  STOP_FIRST,
  SIDE_BY_SIDE;

  /** The order for replacing {@code before} (as observed) with {@code after} (as desired). */
  public static ReplaceOrder of(ContainerResource before, ContainerResource after) {
    if (before.ownsData() || after.ownsData() || portsCollide(before, after)) {
      return STOP_FIRST;
    }
    return SIDE_BY_SIDE;
  }

  /** True when {@code after} publishes a host port that {@code before} publishes too. */
  public static boolean portsCollide(ContainerResource before, ContainerResource after) {
    for (PortBinding old : before.ports()) {
      for (PortBinding now : after.ports()) {
        if (old.hostPort() == now.hostPort() && ipsOverlap(old.hostIp(), now.hostIp())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean ipsOverlap(String a, String b) {
    return a == null
        || b == null
        || a.equals(b)
        || a.equals("0.0.0.0")
        || b.equals("0.0.0.0")
        || a.isEmpty()
        || b.isEmpty();
  }
}
