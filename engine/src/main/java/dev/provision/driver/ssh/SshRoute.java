package dev.provision.driver.ssh;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where and how to connect, once the spec's {@code target.ssh} is merged with the user's OpenSSH
 * config: the target itself as a fully explicit {@link Target.Ssh} (host name, port, user, known
 * hosts), the identity files in the order they are tried, whether only those are offered (no agent
 * keys: {@code IdentitiesOnly yes}), the jump hosts in the order they are crossed, and the config
 * keywords that applied but are not honoured. Explicit spec fields win over the config.
 */
record SshRoute(
    Target.Ssh target,
    List<String> identityFiles,
    boolean identitiesOnly,
    List<Target.Ssh> jumps,
    List<String> ignored) {

  static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";
  static final List<String> DEFAULT_KEYS =
      List.of("~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519");

  /** The route for {@code spec}, with {@code config} supplying what the spec leaves unset. */
  static SshRoute resolve(Target.Ssh spec, SshConfig config) {
    SshConfig.Entry e = config.lookup(spec.host());
    String host = hostName(e, spec.host());
    int port = spec.port() > 0 ? spec.port() : port(e, 22, spec.host());
    String user = first(spec.user(), e.get("user"), "root");
    Target.KnownHosts mode = spec.knownHosts() != null ? spec.knownHosts() : mode(e);
    String knownHosts = first(spec.knownHostsFile(), firstWord(e.get("userknownhostsfile")), null);
    knownHosts = knownHosts == null ? DEFAULT_KNOWN_HOSTS : knownHosts;
    List<String> identities = new ArrayList<>();
    if (spec.identityFile() != null && !spec.identityFile().isBlank()) {
      identities.add(spec.identityFile());
    }
    identities.addAll(e.identityFiles());
    Target.Ssh target =
        new Target.Ssh(
            host, port, user, null, mode, knownHosts, spec.passphraseEnv(), Target.Ssh.NO_CONFIG);
    List<Target.Ssh> jumps = JumpChain.of(spec.host(), config, target);
    return new SshRoute(
        target,
        List.copyOf(identities),
        "yes".equalsIgnoreCase(e.get("identitiesonly")),
        List.copyOf(jumps),
        e.ignored());
  }

  /** A warning naming the config keywords that applied to the host but are ignored; or none. */
  List<Diagnostic> notes() {
    if (ignored.isEmpty()) {
      return List.of();
    }
    return List.of(
        Diagnostic.warning(
                null,
                "target.ssh.host",
                "the OpenSSH config sets "
                    + String.join(", ", ignored)
                    + " for this host, which provision ignores")
            .withHint(
                "provision honours HostName, User, Port, IdentityFile, IdentitiesOnly,"
                    + " UserKnownHostsFile, StrictHostKeyChecking and ProxyJump (Host blocks"
                    + " only, no Match)"));
  }

  /** The identity files to try: the configured ones, else OpenSSH's default key files. */
  List<String> keysToTry() {
    return identityFiles.isEmpty() ? DEFAULT_KEYS : identityFiles;
  }

  /** {@code ssh user@host:port}, then {@code via user@jump:port, ...} when jump hosts are used. */
  String describe() {
    StringBuilder out = new StringBuilder(SshConnector.describe(target));
    for (int i = 0; i < jumps.size(); i++) {
      Target.Ssh j = jumps.get(i);
      out.append(i == 0 ? " via " : ", ").append(j.user() + "@" + j.host() + ":" + j.port());
    }
    return out.toString();
  }

  /** The host part of a ProxyJump hop, the name it is looked up by in the config. */
  static String hopHost(String hop) {
    String rest = hop.startsWith("ssh://") ? hop.substring("ssh://".length()) : hop;
    rest = rest.substring(rest.lastIndexOf('@') + 1);
    int colon = rest.lastIndexOf(':');
    return colon >= 0 && rest.indexOf(':') == colon ? rest.substring(0, colon) : rest;
  }

  /** A ProxyJump hop {@code [ssh://][user@]host[:port]}, itself looked up in the config. */
  static Target.Ssh jump(String hop, SshConfig config, Target.Ssh target) {
    String rest = hop.startsWith("ssh://") ? hop.substring("ssh://".length()) : hop;
    String user = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      user = rest.substring(0, at);
      rest = rest.substring(at + 1);
    }
    int port = 0;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && rest.indexOf(':') == colon) {
      port = parsePort(rest.substring(colon + 1), hop);
      rest = rest.substring(0, colon);
    }
    if (rest.isBlank()) {
      throw badJump(hop);
    }
    SshConfig.Entry e = config.lookup(rest);
    return new Target.Ssh(
        hostName(e, rest),
        port > 0 ? port : port(e, 22, rest),
        first(user, e.get("user"), target.user()),
        e.identityFiles().isEmpty() ? null : e.identityFiles().get(0),
        e.get("stricthostkeychecking") != null ? mode(e) : target.knownHosts(),
        first(firstWord(e.get("userknownhostsfile")), target.knownHostsFile(), null),
        target.passphraseEnv(),
        Target.Ssh.NO_CONFIG);
  }

  private static String hostName(SshConfig.Entry e, String alias) {
    String name = e.get("hostname");
    return name == null || name.isBlank() ? alias : name.replace("%h", alias).replace("%%", "%");
  }

  private static int port(SshConfig.Entry e, int fallback, String alias) {
    String port = e.get("port");
    return port == null ? fallback : parsePort(port, "Port " + port + " (Host " + alias + ")");
  }

  private static int parsePort(String text, String where) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw ProvisionException.of(
        "the OpenSSH config has an invalid port in " + where,
        "write a port between 1 and 65535 in ~/.ssh/config (or set target.ssh.configFile)");
  }

  private static ProvisionException badJump(String hop) {
    return ProvisionException.of(
        "the OpenSSH config has an invalid ProxyJump hop `" + hop + "`",
        "write ProxyJump as [user@]host[:port], several separated by commas");
  }

  private static Target.KnownHosts mode(SshConfig.Entry e) {
    String v = e.get("stricthostkeychecking");
    if (v == null) {
      return Target.KnownHosts.STRICT;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      // "no"/"off" are read as accept-new: provision never connects to a changed host key
      case "accept-new", "no", "off" -> Target.KnownHosts.ACCEPT_NEW;
      default -> Target.KnownHosts.STRICT;
    };
  }

  private static String firstWord(String value) {
    return value == null || value.isBlank() ? null : value.strip().split("\\s+")[0];
  }

  private static String first(String a, String b, String c) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (b != null && !b.isBlank()) {
      return b;
    }
    return c;
  }
}
