package dev.provision.render.kubernetes;

import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.DatabaseResource;
import dev.provision.model.DesiredState;
import dev.provision.model.Mount;
import dev.provision.model.Proxy;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresImage;
import dev.provision.postgres.PostgresUrls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a compiled desired state as Kubernetes objects: the backend and managed Postgres as
 * one-replica StatefulSets with their data claims, the dashboard as a Deployment, a Service for
 * each, the Ingress in place of the proxy, and Jobs for the database and the deployment env vars.
 * Every sensitive value is a reference into the deployment's Secret (see {@link SecretManifest}),
 * so the output holds no secret and is the same whatever the secrets are. Pure: no I/O, no clock.
 */
public final class KubernetesRenderer {
  private KubernetesRenderer() {}

  /**
   * The manifests for {@code desired}; {@code proxy} says which public name goes to which service
   * ({@link Proxy#NONE}: no Ingress).
   *
   * @throws ProvisionException when the state mounts a host file (a CA file), which a pod cannot
   */
  public static KubernetesManifests render(DesiredState desired, Proxy proxy) {
    return render(desired, proxy, null);
  }

  /**
   * As {@link #render(DesiredState, Proxy)}, every object in {@code namespace} after a Namespace
   * object (null: no namespace named).
   */
  public static KubernetesManifests render(DesiredState desired, Proxy proxy, String namespace) {
    List<HasMetadata> objects =
        Namespaces.place(objects(desired, proxy), namespace, desired.deployment());
    List<KubernetesManifests.Manifest> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      out.add(
          new KubernetesManifests.Manifest(
              o.getKind(), o.getMetadata().getName(), ManifestYaml.write(o)));
    }
    return new KubernetesManifests(out, warnings(desired));
  }

  /** The objects in apply order: databases first, then the backend, then what needs it. */
  static List<HasMetadata> objects(DesiredState desired, Proxy proxy) {
    String dep = desired.deployment();
    ObjectNames names = new ObjectNames(dep);
    List<HasMetadata> out = new ArrayList<>();
    ContainerResource backend = container(desired, Names.BACKEND);
    refuseHostFiles(backend);
    ContainerResource postgres = container(desired, Names.POSTGRES_CONTAINER);
    if (postgres != null) {
      K8sLabels labels = new K8sLabels(dep, "postgres", Names.POSTGRES_CONTAINER);
      // the image's data folder holds nothing but the cluster: a claim's root may hold lost+found
      out.add(Workloads.statefulSet(postgres, labels, names, "pgdata"));
      out.add(Workloads.service(postgres, labels, List.of(PostgresImage.PORT)));
    }
    if (desired.resources().get(Names.DATABASE) instanceof DatabaseResource db) {
      String image = postgres == null ? Jobs.CLIENT_IMAGE : postgres.image();
      out.add(
          Jobs.createDatabase(
              names,
              new K8sLabels(dep, "create-database", Names.DATABASE),
              image,
              backend.env().get(PostgresUrls.POSTGRES_URL),
              db.name()));
    }
    K8sLabels backendLabels = new K8sLabels(dep, "backend", Names.BACKEND);
    out.add(Workloads.statefulSet(backend, backendLabels, names, null));
    out.add(Workloads.service(backend, backendLabels, Workloads.ports(backend)));
    // always: the Job also deletes the variables an earlier spec had (all of them, when none is
    // left)
    out.add(Jobs.deploymentEnv(names, new K8sLabels(dep, "deployment-env", null), backend.image()));
    ContainerResource dashboard = container(desired, Names.DASHBOARD);
    if (dashboard != null) {
      K8sLabels labels = new K8sLabels(dep, "dashboard", Names.DASHBOARD);
      out.add(Workloads.deployment(dashboard, labels, names));
      out.add(Workloads.service(dashboard, labels, Workloads.ports(dashboard)));
    }
    if (proxy.enabled()) {
      out.add(
          ProxyIngress.of(
              proxy, dashboard != null, names, new K8sLabels(dep, "proxy", Names.PROXY)));
    }
    return out;
  }

  /**
   * A public URL on the loopback address is reached by no browser once the backend runs in a pod
   * (it is the spec's default for one machine).
   */
  private static List<Diagnostic> warnings(DesiredState desired) {
    List<Diagnostic> out = new ArrayList<>();
    ContainerResource backend = container(desired, Names.BACKEND);
    for (String env :
        List.of(BackendContainer.CLOUD_ORIGIN_ENV, BackendContainer.SITE_ORIGIN_ENV)) {
      Value origin = backend.env().get(env);
      String host =
          origin == null || origin.sensitive() ? null : URI.create(origin.text()).getHost();
      if (host != null && (host.equals("localhost") || host.startsWith("127."))) {
        out.add(
            Diagnostic.warning(
                    null,
                    "backend.origins",
                    env + " is " + origin.text() + ", which no browser reaches in a cluster")
                .withHint("set `proxy:` names or https `backend.origins` for the cluster"));
      }
    }
    return out;
  }

  private static ContainerResource container(DesiredState desired, Address address) {
    return desired.resources().get(address) instanceof ContainerResource c ? c : null;
  }

  /** A host file (Postgres CA, the proxy's CA for the backend) has no place on a cluster node. */
  private static void refuseHostFiles(ContainerResource c) {
    for (Mount m : c.mounts()) {
      if (m.bind()) {
        throw ProvisionException.of(
            "the backend mounts the host file "
                + m.source()
                + " at "
                + m.target()
                + ", which render --to kubernetes cannot give a pod",
            "remove database.postgres.external.caFile and proxy.tls.backendTrust from the spec"
                + " (e.g. with a base file for the cluster), and mount the CA yourself");
      }
    }
  }
}
