package dev.provision.driver.docker;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Which Docker engine to talk to and how, chosen the way the docker CLI chooses it: the spec's
 * {@code target.docker.host} when set, else {@code DOCKER_HOST}, else the local socket {@code
 * unix:///var/run/docker.sock}. Docker contexts are not read.
 *
 * <p>TLS applies to {@code tcp://} hosts only. It is on when the spec sets {@code tlsVerify} or a
 * {@code tlsCertPath}, or when {@code DOCKER_TLS_VERIFY} is set to anything but {@code 0} or {@code
 * false}. The certificate folder (ca.pem, cert.pem, key.pem) is the spec's {@code tlsCertPath},
 * else {@code DOCKER_CERT_PATH}, else {@code ~/.docker}. The server certificate is always verified
 * against ca.pem.
 *
 * <p>Pure: the environment is passed in, nothing is read from the machine.
 *
 * @param host the engine address, {@code unix://PATH} or {@code tcp://HOST:PORT}
 * @param certPath the TLS certificate folder, or null without TLS
 */
public record DockerEndpoint(URI host, String certPath) {

  /** The engine a docker CLI would use with no flags and no context. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  public boolean tls() {
    return certPath != null;
  }

  /** True for a daemon on this machine (a unix socket), whose published ports are local too. */
  public boolean local() {
    return "unix".equals(host.getScheme());
  }

  /** Resolves the endpoint from the spec's target and the process environment. */
  public static DockerEndpoint resolve(
      Target.Docker target, Map<String, String> env, String userHome) {
    String text = nonBlank(target.host());
    if (text == null) {
      text = nonBlank(env.get("DOCKER_HOST"));
    }
    if (text == null) {
      text = DEFAULT_HOST;
    }
    URI host = parse(text);
    if (!"tcp".equals(host.getScheme())) {
      return new DockerEndpoint(host, null);
    }
    String envVerify = nonBlank(env.get("DOCKER_TLS_VERIFY"));
    boolean envTls =
        envVerify != null && !envVerify.equals("0") && !envVerify.equalsIgnoreCase("false");
    boolean tls = target.tlsVerify() || nonBlank(target.tlsCertPath()) != null || envTls;
    if (!tls) {
      return new DockerEndpoint(host, null);
    }
    String certPath = nonBlank(target.tlsCertPath());
    if (certPath == null) {
      certPath = nonBlank(env.get("DOCKER_CERT_PATH"));
    }
    if (certPath == null) {
      certPath = Path.of(userHome, ".docker").toString();
    }
    return new DockerEndpoint(host, certPath);
  }

  private static URI parse(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme();
    boolean ok =
        switch (scheme.toLowerCase(Locale.ROOT)) {
          case "unix" -> uri.getPath() != null && !uri.getPath().isEmpty();
          case "tcp" -> uri.getHost() != null && uri.getPort() > 0;
          default -> false;
        };
    if (!ok) {
      throw ProvisionException.of(
          "cannot use Docker host '" + text + "'",
          "write unix:///path/to/docker.sock or tcp://HOST:PORT (ssh:// hosts are a target.ssh"
              + " target, not target.docker)");
    }
    return uri;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  @Override
  public String toString() {
    return host + (tls() ? " (TLS)" : "");
  }
}
