package dev.provision.model;

import java.net.URI;

/** A container port published on a host address and port. */
public record PortBinding(String hostIp, int hostPort, int containerPort) {
  /**
   * {@code http://HOST:PORT} for this binding's host port on {@code host} (an IPv6 one bracketed).
   */
  public URI httpUrl(String host) {
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + hostPort);
  }

  @Override
  public String toString() {
    return hostIp + ":" + hostPort + "->" + containerPort;
  }
}
