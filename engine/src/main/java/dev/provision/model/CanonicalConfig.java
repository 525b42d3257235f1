package dev.provision.model;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical, versioned serialization of a container's configuration that {@link ConfigHash}
 * hashes: one line per typed field, in a fixed order, every free-form string length-prefixed
 * ({@code 5:hello}) so no value can be mistaken for another field. It never depends on how a plan
 * prints. A secret value never appears: a sensitive env var is written as {@code hmac:HEX}, the
 * HMAC-SHA256 of its name and value keyed with the deployment's random hash key, so that a weak
 * password cannot be guessed from a label. Changing anything here changes every hash: bump {@link
 * #VERSION} and keep the old function for comparison.
 *
 * <p>Versions: {@code v2} has no health check; {@code v3} adds one {@code health} line (the
 * command, interval, timeout, start period and retries, or {@code -} for none). A {@code v2} label
 * is still checked with the {@code v2} serialization, which ignores the health check, so a
 * container made before health checks existed does not look changed.
 */
public final class CanonicalConfig {
  /** The serialization version, written in the label as {@code v3:HEX}. */
  public static final String VERSION = "v3";

  /** The version before health checks, still read from older labels. */
  static final String V2 = "v2";

  private CanonicalConfig() {}

  /** The serialization of {@code c}; {@code key} keys the HMAC of sensitive values. */
  public static String of(ContainerResource c, byte[] key) {
    return of(c, key, VERSION);
  }

  /** The serialization of {@code c} in {@code version} ({@link #VERSION} or {@link #V2}). */
  static String of(ContainerResource c, byte[] key, String version) {
    if (!version.equals(VERSION) && !version.equals(V2)) {
      throw new IllegalArgumentException("unknown canonical config version " + version);
    }
    StringBuilder out = new StringBuilder("provision-container-config " + version + "\n");
    line(out, "name", s(c.name()));
    line(out, "image", s(c.image()));
    for (Map.Entry<String, Value> e : c.env().entrySet()) {
      Value v = e.getValue();
      String value =
          v.sensitive() ? "hmac:" + hmac(key, e.getKey(), v.text()) : "plain:" + s(v.text());
      line(out, "env", s(e.getKey()) + " " + value);
    }
    c.ports().stream()
        .sorted(
            java.util.Comparator.comparingInt(PortBinding::containerPort)
                .thenComparing(PortBinding::hostIp)
                .thenComparingInt(PortBinding::hostPort))
        .forEach(
            p -> line(out, "port", p.containerPort() + " " + s(p.hostIp()) + " " + p.hostPort()));
    c.mounts().stream()
        .sorted(java.util.Comparator.comparing(Mount::target))
        .forEach(
            m ->
                line(
                    out,
                    "mount",
                    s(m.target())
                        + " "
                        + (m.bind() ? "bind" : "volume")
                        + " "
                        + s(m.source())
                        + (m.readOnly() ? " ro" : " rw")));
    line(out, "network", c.network() == null ? "-" : s(c.network()));
    line(out, "alias", c.alias() == null ? "-" : s(c.alias()));
    if (!c.extraAliases().isEmpty()) {
      // only when present, so the hash of every container without them is unchanged
      StringBuilder aliases = new StringBuilder(Integer.toString(c.extraAliases().size()));
      c.extraAliases().forEach(a -> aliases.append(' ').append(s(a)));
      line(out, "aliases", aliases.toString());
    }
    StringBuilder command = new StringBuilder(Integer.toString(c.command().size()));
    c.command().forEach(a -> command.append(' ').append(s(a)));
    line(out, "command", command.toString());
    line(out, "restart", s(c.restartPolicy() == null ? "no" : c.restartPolicy()));
    line(out, "stop-signal", c.stopSignal() == null ? "-" : s(c.stopSignal()));
    line(out, "stop-timeout", Integer.toString(c.stopTimeoutSeconds()));
    if (version.equals(VERSION)) {
      line(out, "health", health(c.healthCheck()));
    }
    return out.toString();
  }

  private static String health(HealthCheck h) {
    if (h == null) {
      return "-";
    }
    StringBuilder text = new StringBuilder(Integer.toString(h.command().size()));
    h.command().forEach(a -> text.append(' ').append(s(a)));
    return text.append(' ')
        .append(h.interval().toMillis())
        .append(' ')
        .append(h.timeout().toMillis())
        .append(' ')
        .append(h.startPeriod().toMillis())
        .append(' ')
        .append(h.retries())
        .toString();
  }

  private static void line(StringBuilder out, String field, String value) {
    out.append(field).append(' ').append(value).append('\n');
  }

  /** A length-prefixed string: the length in UTF-8 bytes, a colon, the text. */
  private static String s(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length + ":" + text;
  }

  static String hmac(byte[] key, String name, String value) {
    return HexFormat.of()
        .formatHex(
            HmacSha256.of(
                key,
                s(name).getBytes(StandardCharsets.UTF_8),
                new byte[] {0},
                value.getBytes(StandardCharsets.UTF_8)));
  }
}
