package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.engine.Verification.Check;
import dev.provision.engine.Verification.Status;
import dev.provision.model.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The check after apply for {@code proxy:}: the backend reaches each of the proxy's names from
 * inside its container, which goes through the proxy's network alias for the name (the hairpin) and
 * so proves at once that the proxy runs, forwards, has a certificate for every name, and that the
 * backend trusts it. Certificates are obtained after the proxy starts (and a renamed name gets its
 * own later than the others), so the check waits for all of them a while: apply does not report a
 * name as served before its TLS handshake succeeds.
 */
final class ProxyCheck {
  static final String NAME = "HTTPS through the proxy from inside the backend";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  /** curl's exit code for a certificate it cannot verify (the TLS handshake itself worked). */
  private static final int CURL_UNTRUSTED = 60;

  private ProxyCheck() {}

  /** The URLs to reach: the API's /version, the site name and the dashboard name when served. */
  static List<String> urls(LiveSession s) {
    Proxy proxy = s.spec().proxy();
    List<String> urls = new ArrayList<>();
    urls.add(s.spec().backend().cloudOrigin() + dev.provision.convex.BackendContainer.VERSION_PATH);
    if (proxy.siteName() != null) {
      urls.add(proxy.origin(proxy.siteName()) + "/");
    }
    if (proxy.dashboardName() != null && s.spec().dashboard().enabled()) {
      urls.add(proxy.origin(proxy.dashboardName()) + "/");
    }
    return urls;
  }

  private static List<String> curl(String url, boolean strict, boolean insecure) {
    List<String> curl = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null"));
    if (strict) {
      curl.add("-f");
    }
    if (insecure) {
      curl.add("-k");
    }
    curl.addAll(List.of("--max-time", "5", url));
    return curl;
  }

  static Check fromInside(LiveSession s) {
    String container = Names.container(s.spec().deployment(), "backend");
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> urls = urls(s);
    ExecResult last = null;
    String failing = null;
    boolean untrusted = false;
    try {
      for (String url : urls) {
        // An HTTP error status still proves the name's certificate and forwarding: only the API's
        // /version must answer 2xx (the site name may have no route at "/").
        boolean strict = url.equals(urls.get(0));
        while (true) {
          last = s.host().exec(container, curl(url, strict, untrusted));
          if (last.ok()) {
            break;
          }
          if (last.exitCode() == CURL_UNTRUSTED && s.spec().proxy().tls().backendTrust() == null) {
            // a certificate is served, from a CA the backend has not been told to trust: prove
            // the forwarding without the trust, and say what the hairpin needs
            untrusted = true;
            continue;
          }
          if (last.exitCode() == 127 || last.exitCode() == 126) {
            return new Check(NAME, Status.SKIPPED, "no curl in the backend image to check " + url);
          }
          if (System.nanoTime() > deadline) {
            failing = url;
            break;
          }
          Thread.sleep(PAUSE.toMillis());
        }
        if (failing != null) {
          break;
        }
      }
    } catch (ProvisionException e) {
      return new Check(NAME, Status.FAILED, e.diagnostics().get(0).message());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check(NAME, Status.SKIPPED, "interrupted");
    }
    if (failing == null && untrusted) {
      return new Check(
          NAME,
          Status.WARNING,
          String.join(", ", urls)
              + " answer, but the backend does not trust the proxy's certificate (curl exit 60):"
              + " set `proxy.tls.backendTrust` to the CA's root certificate (with `ca: internal`:"
              + " /data/caddy/pki/authorities/local/root.crt in the proxy's volume)");
    }
    if (failing == null) {
      return new Check(NAME, Status.OK, String.join(", ", urls));
    }
    String proxy = Names.container(s.spec().deployment(), "proxy");
    List<String> log;
    try {
      log = s.host().logTail(proxy, 300);
    } catch (RuntimeException unreadable) {
      log = List.of();
    }
    return new Check(
        NAME,
        Status.FAILED,
        failing
            + " does not answer over HTTPS after "
            + WAIT.toSeconds()
            + " s (curl exit "
            + last.exitCode()
            + ")"
            + accountMismatch(log, s.spec().proxy(), proxy, s.spec().target())
                .orElse(
                    ": check that each name's DNS record points at this host and ports 80/443"
                        + " reach the proxy (provision logs SPEC proxy); with a private CA set"
                        + " `proxy.tls.backendTrust`"));
  }

  /**
   * What to do when the proxy's log shows the CA refusing its requests' signatures: the account
   * record and key stored in the volume belong to two different accounts (Caddy before 2.9 can
   * store them so when several names were new at its first start, before provision had the proxy
   * register its account alone). Removing the account lets the proxy register one afresh. The
   * commands are for the user to copy, so a word a shell would expand (an image from a registry
   * named by its IPv6 address: {@code [fd00::1]:5000/caddy}) is quoted; on a swarm the proxy is a
   * service whose volume is on the node that runs it.
   */
  static java.util.Optional<String> accountMismatch(
      List<String> log, Proxy proxy, String name, dev.provision.model.Target target) {
    if (proxy.tls().mode() != dev.provision.model.ProxyTls.Mode.ACME
        || log.stream().noneMatch(l -> l.contains("JWS verification error"))) {
      return java.util.Optional.empty();
    }
    String dir = dev.provision.convex.Caddyfile.accountDirectory(proxy.tls());
    boolean swarm = target instanceof dev.provision.model.Target.Swarm;
    return java.util.Optional.of(
        ": the CA refuses the signature of the proxy's requests (\"JWS verification error\" in"
            + " its log): the ACME account record and key kept in the volume "
            + proxy.volume()
            + " are from two different accounts. Remove that account (`docker run --rm -v "
            + word(proxy.volume())
            + ":/data --entrypoint rm "
            + word(proxy.image())
            + " -rf /data/"
            + word(dir)
            + "`"
            + (swarm ? " on the node that runs the proxy, `docker service ps " + name + "`" : "")
            + "), then `"
            + (swarm ? "docker service update --force " : "docker restart ")
            + name
            + "`: the proxy registers one account afresh");
  }

  /** {@code text} as one shell word: as it is when no shell would expand it, else quoted. */
  static String word(String text) {
    return text.matches("[A-Za-z0-9@%+=:,./_-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
