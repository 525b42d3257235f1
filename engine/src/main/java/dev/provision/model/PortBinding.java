package dev.provision.model;

/** A container port published on a host address and port. */
public record PortBinding(String hostIp, int hostPort, int containerPort) {
  @Override
  public String toString() {
    return hostIp + ":" + hostPort + "->" + containerPort;
  }
}
