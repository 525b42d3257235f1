package dev.provision.render.kubernetes;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code render --namespace NS}: every rendered object (and the Secret) says {@code namespace: NS},
 * and a Namespace object comes first, labelled like the rest, so one {@code kubectl apply} makes
 * it. The spec has no namespace of its own: where a deployment runs in a cluster is the cluster's
 * business, as its target is on Docker. Without the option nothing names a namespace ({@code
 * kubectl apply -n}).
 */
final class Namespaces {
  /** A Kubernetes namespace name: an RFC 1123 label. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private Namespaces() {}

  /** {@code namespace} when it is a valid name (or null: none). */
  static String check(String namespace) {
    if (namespace != null && !NAME.matcher(namespace).matches()) {
      throw new ProvisionException(
          Diagnostic.error(
                  null,
                  "--namespace",
                  "`--namespace` " + Quote.of(namespace) + " is not a valid name")
              .withExpected(
                  "at most 63 lower-case letters, digits and '-', starting and ending with a letter"
                      + " or digit")
              .withHint("name the namespace like `shop` or `convex-prod`"));
    }
    return namespace;
  }

  /** {@code objects} placed in {@code namespace}, after the Namespace itself; as is when null. */
  static List<HasMetadata> place(List<HasMetadata> objects, String namespace, String deployment) {
    if (check(namespace) == null) {
      return objects;
    }
    List<HasMetadata> out = new ArrayList<>();
    out.add(
        new NamespaceBuilder()
            .withMetadata(
                Workloads.meta(namespace, new K8sLabels(deployment, "namespace", null), Map.of()))
            .build());
    for (HasMetadata o : objects) {
      o.getMetadata().setNamespace(namespace);
      out.add(o);
    }
    return out;
  }
}
