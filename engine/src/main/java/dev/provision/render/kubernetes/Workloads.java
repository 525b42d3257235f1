package dev.provision.render.kubernetes;

import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;

/**
 * The workloads and Services for the desired containers. A container that owns a data volume
 * (backend, managed Postgres) is a StatefulSet with ONE replica and {@code OrderedReady}: its data
 * must have one writer (the backend takes a lease in its database; two would steal it from each
 * other), and a StatefulSet never starts a second pod of the same ordinal while the first one still
 * runs. Its volume is a claim template, so the claim outlives the pod. A stateless container (the
 * dashboard) is a Deployment. Each Service takes the container's network alias as its name, so the
 * names the desired env uses ({@code postgres} in {@code POSTGRES_URL}) resolve the same way.
 */
final class Workloads {
  /** Requested size of each data claim; a cluster may grow it later (allowVolumeExpansion). */
  static final String DATA_SIZE = "10Gi";

  static final String ONE_WRITER =
      "one replica, OrderedReady: the data has one writer; a second pod would share or steal it";

  private Workloads() {}

  /** A StatefulSet for a container that owns a volume; {@code subPath} a folder in the claim. */
  static HasMetadata statefulSet(
      ContainerResource c, K8sLabels labels, ObjectNames names, String subPath) {
    String claim = dataVolume(c);
    Container container = Containers.of(c, labels.component(), names.secret(), claim, subPath);
    return new StatefulSetBuilder()
        .withMetadata(meta(c.name(), labels, Map.of(ObjectNames.ANNOTATION_REPLICAS, ONE_WRITER)))
        .withNewSpec()
        .withReplicas(1)
        .withPodManagementPolicy("OrderedReady")
        .withServiceName(c.alias())
        .withNewSelector()
        .withMatchLabels(labels.selector())
        .endSelector()
        .withTemplate(pod(labels, container, c.stopTimeoutSeconds()))
        .withVolumeClaimTemplates(claim(claim, labels))
        .endSpec()
        .build();
  }

  /** A Deployment for a stateless container. */
  static HasMetadata deployment(ContainerResource c, K8sLabels labels, ObjectNames names) {
    Container container = Containers.of(c, labels.component(), names.secret(), null, null);
    return new DeploymentBuilder()
        .withMetadata(meta(c.name(), labels, Map.of()))
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(labels.selector())
        .endSelector()
        .withTemplate(pod(labels, container, c.stopTimeoutSeconds()))
        .endSpec()
        .build();
  }

  /** A ClusterIP Service named after the container's alias, one port per container port. */
  static Service service(ContainerResource c, K8sLabels labels, List<Integer> ports) {
    return new ServiceBuilder()
        .withMetadata(meta(c.alias(), labels, Map.of()))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(labels.selector())
        .withPorts(
            ports.stream()
                .map(
                    p ->
                        new ServicePortBuilder()
                            .withName("tcp-" + p)
                            .withPort(p)
                            .withTargetPort(new IntOrString(p))
                            .withProtocol("TCP")
                            .build())
                .toList())
        .endSpec()
        .build();
  }

  /** The container ports the desired container publishes. */
  static List<Integer> ports(ContainerResource c) {
    return c.ports().stream().map(PortBinding::containerPort).toList();
  }

  static ObjectMeta meta(String name, K8sLabels labels, Map<String, String> annotations) {
    ObjectMetaBuilder b = new ObjectMetaBuilder().withName(name).withLabels(labels.all());
    if (!annotations.isEmpty()) {
      b.withAnnotations(annotations);
    }
    return b.build();
  }

  private static PodTemplateSpec pod(K8sLabels labels, Container container, int graceSeconds) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels.all())
        .endMetadata()
        .withNewSpec()
        .withContainers(container)
        .withTerminationGracePeriodSeconds((long) graceSeconds)
        .endSpec()
        .build();
  }

  private static PersistentVolumeClaim claim(String name, K8sLabels labels) {
    return new PersistentVolumeClaimBuilder()
        .withMetadata(meta(name, labels, Map.of()))
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(DATA_SIZE)))
        .endResources()
        .endSpec()
        .build();
  }

  /** The container's one named volume. */
  private static String dataVolume(ContainerResource c) {
    return c.mounts().stream()
        .filter(m -> !m.bind())
        .map(Mount::source)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(c.name() + " owns no volume"));
  }
}
