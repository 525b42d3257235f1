package dev.provision.render.kubernetes;

import dev.provision.driver.Labels;
import dev.provision.model.Address;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of every rendered object: the well-known {@code app.kubernetes.io/*} ones, and the
 * same {@code dev.provision.*} keys provision writes on Docker (deployment and resource address),
 * which are valid Kubernetes label keys as they are. A pod selector uses only the instance and the
 * component, which never change for a deployment.
 */
record K8sLabels(String deployment, String component, Address address) {
  static final String MANAGED_BY = "provision";

  /** The label saying provision wrote the object (what {@code render --out} may delete). */
  static final String MANAGED_BY_KEY = "app.kubernetes.io/managed-by";

  static final String PART_OF = "convex";

  /** Every label of the object (and of its pods). */
  Map<String, String> all() {
    Map<String, String> labels = new TreeMap<>(selector());
    labels.put(MANAGED_BY_KEY, MANAGED_BY);
    labels.put("app.kubernetes.io/part-of", PART_OF);
    labels.put("app.kubernetes.io/name", "convex-" + component);
    labels.put(Labels.DEPLOYMENT, deployment);
    if (address != null) {
      labels.put(Labels.ADDRESS, address.toString());
    }
    return labels;
  }

  /** What a Service or a workload selects its pods by. */
  Map<String, String> selector() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/instance", deployment);
    labels.put("app.kubernetes.io/component", component);
    return labels;
  }
}
