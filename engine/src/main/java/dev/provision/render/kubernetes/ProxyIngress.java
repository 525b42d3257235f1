package dev.provision.render.kubernetes;

import dev.provision.convex.BackendContainer;
import dev.provision.convex.DashboardContainer;
import dev.provision.model.Proxy;
import dev.provision.model.ProxyTls;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Ingress that takes the proxy's place on a cluster: one rule per public name (API to the
 * backend's API port, site to its HTTP-actions port, dashboard to the dashboard), each with its own
 * TLS Secret. The cluster's ingress controller terminates TLS. Only when the spec asks for ACME
 * certificates does the Ingress carry a cert-manager annotation naming a ClusterIssuer (which the
 * user creates); with internal or file certificates the user provides the TLS Secrets.
 */
final class ProxyIngress {
  static final String CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";

  private ProxyIngress() {}

  static HasMetadata of(Proxy proxy, boolean dashboard, ObjectNames names, K8sLabels labels) {
    List<IngressRule> rules = new ArrayList<>();
    List<IngressTLS> tls = new ArrayList<>();
    add(rules, tls, proxy.apiName(), "backend", BackendContainer.API_PORT);
    if (proxy.siteName() != null) {
      add(rules, tls, proxy.siteName(), "backend", BackendContainer.SITE_PORT);
    }
    if (proxy.dashboardName() != null && dashboard) {
      add(rules, tls, proxy.dashboardName(), "dashboard", DashboardContainer.PORT);
    }
    Map<String, String> annotations = new TreeMap<>();
    if (proxy.tls().mode() == ProxyTls.Mode.ACME) {
      annotations.put(CLUSTER_ISSUER, issuer(proxy.tls()));
    }
    return new IngressBuilder()
        .withMetadata(Workloads.meta(names.ingress(), labels, annotations))
        .withNewSpec()
        .withRules(rules)
        .withTls(tls)
        .endSpec()
        .build();
  }

  /**
   * The ClusterIssuer for the spec's ACME directory: {@code letsencrypt}, {@code
   * letsencrypt-staging}, or {@code acme} for any other directory.
   */
  static String issuer(ProxyTls tls) {
    if (ProxyTls.LETS_ENCRYPT.equals(tls.acmeDirectory())) {
      return "letsencrypt";
    }
    if (ProxyTls.LETS_ENCRYPT_STAGING.equals(tls.acmeDirectory())) {
      return "letsencrypt-staging";
    }
    return "acme";
  }

  /** The TLS Secret of one host: its name with dots as dashes, then {@code -tls}. */
  static String tlsSecret(String host) {
    return host.replace('.', '-') + "-tls";
  }

  private static void add(
      List<IngressRule> rules, List<IngressTLS> tls, String host, String service, int port) {
    rules.add(
        new IngressRuleBuilder()
            .withHost(host)
            .withNewHttp()
            .withPaths(
                new HTTPIngressPathBuilder()
                    .withPath("/")
                    .withPathType("Prefix")
                    .withNewBackend()
                    .withNewService()
                    .withName(service)
                    .withNewPort()
                    .withNumber(port)
                    .endPort()
                    .endService()
                    .endBackend()
                    .build())
            .endHttp()
            .build());
    tls.add(new IngressTLSBuilder().withHosts(host).withSecretName(tlsSecret(host)).build());
  }
}
