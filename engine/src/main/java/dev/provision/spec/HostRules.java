package dev.provision.spec;

import java.util.regex.Pattern;

/**
 * Pure checks for where a deployment runs: a Docker host URL ({@code unix:///path} or {@code
 * tcp://host[:port]}), an SSH host and user (never an option such as {@code -oProxyCommand=...},
 * never a line break), and a port number. Each returns a {@link Refusal}, or null when the value is
 * usable.
 */
final class HostRules {
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]*)");
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.%a-zA-Z]*]?");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");
  private static final String DOCKER = "unix:///path/to/docker.sock or tcp://host:port";
  private static final String PORT = "a port from 1 to 65535";

  /** The longest host name DNS allows (and so the longest Swarm node host name). */
  static final int MAX_HOST_NAME = 253;

  /** The longest path a Unix socket address holds ({@code sun_path} less its final NUL). */
  static final int MAX_SOCKET_PATH = 107;

  private HostRules() {}

  /** Problems of a Docker host whose scheme is {@code unix://} or {@code tcp://}. */
  static Refusal dockerHost(String url) {
    if (Refusal.hasSpaceOrControl(url)) {
      return new Refusal(
          "contains spaces or control characters", DOCKER, "remove them from the URL");
    }
    if (url.startsWith("unix://")) {
      String path = url.substring("unix://".length());
      if (path.isEmpty()) {
        return new Refusal(
            "has no socket path",
            DOCKER,
            "write the socket's path, such as unix:///var/run/docker.sock");
      }
      if (!path.startsWith("/")) {
        return new Refusal(
            "has a relative socket path",
            DOCKER,
            "write three slashes before an absolute path: unix:///var/run/docker.sock");
      }
      return path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH
          ? new Refusal(
              "has a socket path longer than " + MAX_SOCKET_PATH + " bytes",
              DOCKER,
              "a Unix socket cannot be reached at so long a path; link the socket from a shorter"
                  + " one")
          : null;
    }
    String authority = url.substring("tcp://".length());
    int slash = authority.indexOf('/');
    if (slash >= 0) {
      authority = authority.substring(0, slash);
    }
    String host = authority;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority : authority.substring(0, close + 1);
      String rest = close < 0 ? "" : authority.substring(close + 1);
      port = rest.startsWith(":") ? rest.substring(1) : null;
    } else if (authority.indexOf(':') >= 0) {
      host = authority.substring(0, authority.lastIndexOf(':'));
      port = authority.substring(authority.lastIndexOf(':') + 1);
    }
    if (host.isEmpty()) {
      return new Refusal(
          "has no host", DOCKER, "write the engine's host, such as tcp://10.0.0.5:2376");
    }
    if (host.length() > MAX_HOST_NAME
        || (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches())) {
      return new Refusal("has an invalid host", DOCKER, "write a host name or an IP address");
    }
    return port == null ? null : portText(port);
  }

  /** Problems of a port written as text after {@code :} in a URL. */
  static Refusal portText(String port) {
    if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new Refusal(
          "has a port that is not a number", PORT, "write the port as digits, or leave it out");
    }
    return port(port.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(port));
  }

  /**
   * Problems of the port in a URL's raw authority ({@code user@host:port}) that {@link
   * java.net.URI} could not read as a server (a port that is not a number or too big), else null.
   */
  static Refusal authorityPort(String authority) {
    if (authority == null) {
      return null;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    return colon > close ? portText(hostPort.substring(colon + 1)) : null;
  }

  /** Problems of a port number from a parsed URL; -1 (none written) is fine. */
  static Refusal port(int port) {
    if (port == -1 || (port >= 1 && port <= 65535)) {
      return null;
    }
    return new Refusal(
        "has a port out of range (1 to 65535)", PORT, "ports are numbered 1 to 65535");
  }

  /** Problems of an SSH host name. */
  static Refusal sshHost(String host) {
    String expected = "a host name or IP address, such as deploy.example.com";
    if (host.startsWith("-")) {
      return new Refusal(
          "starts with `-`",
          expected,
          "a host name never starts with `-` (it would read as an option)");
    }
    if (Refusal.hasSpaceOrControl(host)) {
      return new Refusal(
          "contains spaces or control characters", expected, "remove them: a host name has none");
    }
    if (host.contains("@")) {
      return new Refusal(
          "contains a user name",
          expected,
          "put the user in the `user` key beside it and only the host here");
    }
    if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      return new Refusal(
          "is not a host name or IP address",
          expected,
          "use letters, digits, '.', '-' and '_'; put the port in the `port` key beside it");
    }
    return null;
  }

  /** Problems of an SSH user name. */
  static Refusal sshUser(String user) {
    String expected = "a user name on the host, such as deploy (default root)";
    if (user.isEmpty()) {
      return new Refusal(
          "is empty", expected, "name the user, or remove the key to log in as root");
    }
    if (Refusal.hasSpaceOrControl(user) || user.startsWith("-") || !USER.matcher(user).matches()) {
      return new Refusal(
          "is not a user name",
          expected,
          "use letters, digits, '.', '-' and '_', not starting with '-'");
    }
    return null;
  }

  /**
   * Problems of a Swarm node name: a node's hostname or its id, as {@code docker node ls} shows.
   */
  static Refusal swarmNode(String node) {
    if (node.isBlank()
        || node.length() > MAX_HOST_NAME
        || Refusal.hasSpaceOrControl(node)
        || node.startsWith("-")
        || !HOST_NAME.matcher(node).matches()) {
      return new Refusal(
          "is not a Swarm node",
          "a node's hostname or id as `docker node ls` shows it, such as worker-1",
          "name the node that keeps the data, or remove the key to use the manager");
    }
    return null;
  }
}
