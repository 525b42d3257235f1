package dev.provision.desired;

import dev.provision.convex.Caddyfile;
import dev.provision.convex.ProxyContainer;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.PortBinding;
import dev.provision.model.Proxy;
import dev.provision.model.ProxyTls;
import dev.provision.model.Readiness;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code proxy:} adds to the desired state: the proxy container (its Caddyfile in the env, its
 * public names as network aliases so the backend reaches its own site origin through it: the
 * hairpin for OIDC discovery), and for the backend the CA it must trust when the certificates do
 * not come from a public CA. Nothing at all without a proxy.
 */
final class ProxyResources {
  private static final Duration PROXY_READY = Duration.ofSeconds(60);

  private ProxyResources() {}

  static ContainerResource container(Spec spec, String network) {
    Proxy p = spec.proxy();
    SortedMap<String, Value> env = new TreeMap<>();
    env.put(ProxyContainer.CADDYFILE_ENV, Value.plain(Caddyfile.of(p, spec.dashboard().enabled())));
    List<Mount> mounts = new ArrayList<>();
    mounts.add(Mount.volume(p.volume(), ProxyContainer.DATA_PATH));
    ProxyTls tls = p.tls();
    boolean acme = tls.mode() == ProxyTls.Mode.ACME;
    if (acme) {
      env.put(ProxyContainer.ACCOUNT_CADDYFILE_ENV, Value.plain(Caddyfile.account(p)));
      env.put(ProxyContainer.ACCOUNT_DIRECTORY_ENV, Value.plain(Caddyfile.accountDirectory(tls)));
      env.put(ProxyContainer.API_CERTIFICATE_ENV, Value.plain(Caddyfile.apiCertificate(p)));
      // any name without a certificate may be the one registering the account alone
      if (p.siteName() != null) {
        soloName(
            env,
            p,
            p.siteName(),
            ProxyContainer.SITE_ACCOUNT_CADDYFILE_ENV,
            ProxyContainer.SITE_CERTIFICATE_ENV);
      }
      if (p.dashboardName() != null && spec.dashboard().enabled()) {
        soloName(
            env,
            p,
            p.dashboardName(),
            ProxyContainer.DASHBOARD_ACCOUNT_CADDYFILE_ENV,
            ProxyContainer.DASHBOARD_CERTIFICATE_ENV);
      }
    }
    if (acme && tls.acmeCaRoot() != null) {
      mounts.add(Mount.bindReadOnly(tls.acmeCaRoot(), ProxyContainer.ACME_CA_ROOT_PATH));
    }
    if (tls.mode() == ProxyTls.Mode.FILES) {
      mounts.add(Mount.bindReadOnly(tls.certificateFile(), ProxyContainer.CERTIFICATE_PATH));
      mounts.add(Mount.bindReadOnly(tls.keyFile(), ProxyContainer.KEY_PATH));
    }
    TreeSet<String> names = new TreeSet<>();
    names.add(p.apiName());
    if (p.siteName() != null) {
      names.add(p.siteName());
    }
    if (p.dashboardName() != null && spec.dashboard().enabled()) {
      names.add(p.dashboardName());
    }
    return new ContainerResource(
        Names.PROXY,
        Names.container(spec.deployment(), "proxy"),
        p.image(),
        env,
        List.of(
            new PortBinding(p.bind(), p.httpPort(), p.httpPort()),
            new PortBinding(p.bind(), p.httpsPort(), p.httpsPort())),
        mounts,
        network,
        ProxyContainer.ALIAS,
        acme ? ProxyContainer.ACME_COMMAND : ProxyContainer.COMMAND,
        "unless-stopped",
        "SIGTERM",
        10,
        new Readiness(Readiness.Kind.RUNNING, 0, null, PROXY_READY),
        List.copyOf(names),
        null);
  }

  /** The one-name Caddyfile and certificate path with which {@code name} may register alone. */
  private static void soloName(
      SortedMap<String, Value> env, Proxy p, String name, String caddyfileKey, String certKey) {
    env.put(caddyfileKey, Value.plain(Caddyfile.account(p, name)));
    env.put(certKey, Value.plain(Caddyfile.certificate(p, name)));
  }

  /** The backend's mount of the CA it trusts for its own site origin, if any. */
  static List<Mount> backendMounts(Proxy p) {
    if (!p.enabled() || p.tls().backendTrust() == null) {
      return List.of();
    }
    return List.of(Mount.bindReadOnly(p.tls().backendTrust(), ProxyContainer.BACKEND_TRUST_PATH));
  }

  /** {@code SSL_CERT_FILE} pointing at that CA, if any. */
  static SortedMap<String, Value> backendEnv(Proxy p) {
    SortedMap<String, Value> env = new TreeMap<>();
    if (p.enabled() && p.tls().backendTrust() != null) {
      env.put(ProxyContainer.SSL_CERT_FILE_ENV, Value.plain(ProxyContainer.BACKEND_TRUST_PATH));
    }
    return env;
  }
}
