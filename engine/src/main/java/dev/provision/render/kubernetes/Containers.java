package dev.provision.render.kubernetes;

import dev.provision.model.ContainerResource;
import dev.provision.model.HealthCheck;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Readiness;
import dev.provision.model.Value;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one desired container into a Kubernetes container: the same image, env, ports, data mount
 * and checks. A sensitive env value is never written: it becomes a {@code secretKeyRef} to the key
 * of the same name in the deployment's Secret. The host side of a port binding has no meaning here
 * (Services and the Ingress reach the pods); the Docker stop signal has no Kubernetes field.
 */
final class Containers {
  private Containers() {}

  /**
   * The container named {@code name}; {@code dataClaim} names the volume claim mounted at the
   * container's named volume (null: it has none), {@code subPath} a folder inside it (or null).
   */
  static Container of(
      ContainerResource c, String name, String secretName, String dataClaim, String subPath) {
    ContainerBuilder b =
        new ContainerBuilder()
            .withName(name)
            .withImage(c.image())
            .withEnv(env(c.env(), secretName))
            .withPorts(ports(c.ports()))
            .withVolumeMounts(mounts(c.mounts(), dataClaim, subPath));
    if (!c.command().isEmpty()) {
      b.withArgs(c.command());
    }
    Probe ready = readiness(c.readiness(), c.healthCheck());
    if (ready != null) {
      b.withReadinessProbe(ready);
    }
    if (c.healthCheck() != null) {
      b.withLivenessProbe(liveness(c.healthCheck()));
      b.withStartupProbe(startup(c.healthCheck(), c.readiness()));
    }
    return b.build();
  }

  /** Env in key order; sensitive values by reference into the Secret. */
  static List<EnvVar> env(Map<String, Value> env, String secretName) {
    List<EnvVar> out = new ArrayList<>();
    env.forEach(
        (name, value) -> {
          EnvVarBuilder e = new EnvVarBuilder().withName(name);
          if (value.sensitive()) {
            e.withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secretName)
                .withKey(name)
                .endSecretKeyRef()
                .endValueFrom();
          } else {
            e.withValue(value.text());
          }
          out.add(e.build());
        });
    return out;
  }

  private static List<ContainerPort> ports(List<PortBinding> ports) {
    return ports.stream()
        .map(
            p ->
                new ContainerPortBuilder()
                    .withContainerPort(p.containerPort())
                    .withProtocol("TCP")
                    .build())
        .toList();
  }

  private static List<VolumeMount> mounts(List<Mount> mounts, String claim, String subPath) {
    return mounts.stream()
        .filter(m -> !m.bind())
        .map(
            m ->
                new VolumeMountBuilder()
                    .withName(claim)
                    .withMountPath(m.target())
                    .withSubPath(subPath)
                    .build())
        .toList();
  }

  /** From the desired readiness: an HTTP GET, or a TCP connect for Postgres. */
  private static Probe readiness(Readiness r, HealthCheck h) {
    ProbeBuilder b = new ProbeBuilder();
    switch (r.kind()) {
      case HTTP ->
          b.withNewHttpGet()
              .withPath(r.path())
              .withPort(new IntOrString(r.containerPort()))
              .endHttpGet();
      case POSTGRES ->
          b.withNewTcpSocket().withPort(new IntOrString(r.containerPort())).endTcpSocket();
      case RUNNING -> {
        return null;
      }
    }
    if (h != null) {
      b.withPeriodSeconds(seconds(h.interval()))
          .withTimeoutSeconds(seconds(h.timeout()))
          .withFailureThreshold(h.retries());
    }
    return b.build();
  }

  /** The desired health check, run in the container as Docker runs it. */
  private static Probe liveness(HealthCheck h) {
    return new ProbeBuilder()
        .withNewExec()
        .withCommand(h.command())
        .endExec()
        .withPeriodSeconds(seconds(h.interval()))
        .withTimeoutSeconds(seconds(h.timeout()))
        .withFailureThreshold(h.retries())
        .build();
  }

  /**
   * The start window: the health check may fail for as long as provision waits for readiness
   * (Docker's start period is the shorter grace after which failures count).
   */
  private static Probe startup(HealthCheck h, Readiness r) {
    int period = seconds(h.interval());
    int window = Math.max(seconds(h.startPeriod()), seconds(r.timeout()));
    return new ProbeBuilder()
        .withNewExec()
        .withCommand(h.command())
        .endExec()
        .withPeriodSeconds(period)
        .withTimeoutSeconds(seconds(h.timeout()))
        .withFailureThreshold(Math.max(1, window / period))
        .build();
  }

  private static int seconds(java.time.Duration d) {
    return Math.toIntExact(d.toSeconds());
  }
}
