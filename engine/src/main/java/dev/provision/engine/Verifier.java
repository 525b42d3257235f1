package dev.provision.engine;

import dev.provision.convex.AuthEnv;
import dev.provision.convex.JwtKeys;
import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.driver.HostDriver;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.driver.http.PlainHttp;
import dev.provision.engine.Verification.Check;
import dev.provision.engine.Verification.Status;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Resource;
import dev.provision.model.Value;
import dev.provision.observe.ConvexAccess;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Checks a deployment after apply, the way its users will meet it: the backend answers with the
 * right instance name, a locally issued admin key is accepted (these three checked and worded as
 * {@code provision doctor} does, by {@link BackendFacts}), the deployment env vars read back as the
 * spec says, the JWT keys match, the site origin's OpenID discovery is reachable from inside the
 * backend (the hairpin failure behind "No auth provider found"), and the dashboard answers.
 *
 * <p>The dashboard is asked on a second thread while the backend is checked: the two answer
 * independently, and a first request to a web app that just started can take a while. Its check
 * still comes last in the list, and is dropped, as before, when the link to the target is lost.
 */
final class Verifier {
  /** The copy of the instance secret the check after apply issues its key from. */
  static final String STORED = "the stored instance secret";

  /** One daemon thread per check run beside the others: nothing waits for it at exit. */
  private static final java.util.concurrent.Executor BESIDE =
      task -> {
        Thread t = new Thread(task, "provision-check");
        t.setDaemon(true);
        t.start();
      };

  private Verifier() {}

  static Verification verify(LiveSession s) {
    List<Check> checks = new ArrayList<>();
    Optional<CompletableFuture<Check>> dashboard =
        s.spec().dashboard().enabled()
            ? Optional.of(CompletableFuture.supplyAsync(() -> dashboard(s), BESIDE))
            : Optional.empty();
    try {
      verify(s, checks);
      dashboard.ifPresent(d -> checks.add(d.join()));
    } catch (LinkLost lost) {
      // the link to the target is gone: every further check would fail the same way, slowly
      checks.add(new Check("link to the target", Status.FAILED, lost.getMessage()));
    }
    return new Verification(checks);
  }

  private static void verify(LiveSession s, List<Check> checks) {
    Value secret = s.instanceSecret();
    ConvexAdminApi api = ConvexAccess.open(s.host(), s.desired(), secret);
    URI base =
        ConvexAccess.endpoint(
            s.host(), (ContainerResource) s.desired().resources().get(Names.BACKEND));
    fact(checks, s.host(), BackendFacts.version(api, base));
    fact(checks, s.host(), BackendFacts.instanceName(api, base, s.spec().deployment()));
    fact(checks, s.host(), BackendFacts.keyAccepted(api, base, STORED));
    SortedMap<String, String> wanted = new TreeMap<>();
    for (Resource r : s.desired().resources().values()) {
      if (r.address().kind() == Address.Kind.ENV) {
        wanted.put(r.address().name(), r.attributes().get("value").text());
      }
    }
    if (!wanted.isEmpty()) {
      run(
          checks,
          s.host(),
          "deployment env vars",
          () -> {
            SortedMap<String, String> live = api.listEnvironmentVariables();
            List<String> wrong =
                wanted.keySet().stream().filter(k -> !wanted.get(k).equals(live.get(k))).toList();
            if (!wrong.isEmpty()) {
              throw ProvisionException.of(
                  "these env vars do not read back as the spec says: " + wrong,
                  "run apply again; if it persists, check the backend's logs");
            }
            return wanted.size() + " in place";
          });
    }
    if (s.spec().proxy().enabled()) {
      checks.add(ProxyCheck.fromInside(s));
    }
    if (s.spec().auth() != null && s.spec().auth().enabled()) {
      run(
          checks,
          s.host(),
          "JWKS matches JWT_PRIVATE_KEY",
          () -> {
            if (!JwtKeys.matches(wanted.get(AuthEnv.JWT_PRIVATE_KEY), wanted.get(AuthEnv.JWKS))) {
              throw ProvisionException.of(
                  "JWKS is not the public half of JWT_PRIVATE_KEY", "run apply again");
            }
            return "yes";
          });
      checks.add(discovery(s));
    }
  }

  /** The backend fetches the site origin's discovery document from inside its container. */
  private static Check discovery(LiveSession s) {
    String url = s.spec().backend().siteOrigin() + "/.well-known/openid-configuration";
    String name = "auth discovery from inside the backend";
    try {
      ExecResult r =
          s.host()
              .exec(
                  Names.container(s.spec().deployment(), "backend"),
                  List.of("curl", "-fsS", "-o", "/dev/null", "--max-time", "5", url));
      if (r.exitCode() == 127 || r.exitCode() == 126) {
        return new Check(name, Status.SKIPPED, "no curl in the backend image to check " + url);
      }
      if (!r.ok()) {
        return new Check(
            name,
            Status.WARNING,
            url
                + " is not reachable from inside the backend container"
                + " (the cause of \"No auth provider found\"): make the public site URL resolve there"
                + " (hairpin DNS, or an extra hosts entry)");
      }
      return new Check(name, Status.OK, url);
    } catch (ProvisionException e) {
      return new Check(name, Status.FAILED, e.diagnostics().get(0).message());
    }
  }

  private static Check dashboard(LiveSession s) {
    ContainerResource d = (ContainerResource) s.desired().resources().get(Names.DASHBOARD);
    URI uri;
    try {
      uri = s.host().endpoint(d.ports().get(0));
    } catch (ProvisionException e) {
      return new Check("dashboard", Status.FAILED, e.diagnostics().get(0).message());
    }
    Duration roundTrip = s.host().roundTrip();
    try {
      PlainHttp.Answer r =
          new PlainHttp(
                  Duration.ofSeconds(5).plus(roundTrip.multipliedBy(3)),
                  Duration.ofSeconds(10).plus(roundTrip.multipliedBy(4)))
              .get(uri, java.util.Map.of());
      boolean ok = r.status() < 400;
      return new Check(
          "dashboard",
          ok ? Status.OK : Status.FAILED,
          uri + " answers " + r.status() + " (image " + d.image() + ")");
    } catch (java.io.IOException e) {
      Optional<ProvisionException> lost = s.host().lostConnection();
      if (lost.isPresent()) {
        return new Check("dashboard", Status.FAILED, lost.get().diagnostics().get(0).message());
      }
      return new Check("dashboard", Status.FAILED, uri + " does not answer: " + e.getMessage());
    }
  }

  private interface Probe {
    String run();
  }

  /** Ends the checks when the link to the target (SSH) is lost; the message names the link. */
  private static final class LinkLost extends RuntimeException {
    LinkLost(ProvisionException lost) {
      super(lost.diagnostics().get(0).message(), null, false, false);
    }
  }

  /** Stops the checks when a failure came from a lost link rather than the backend. */
  private static void stopIfLinkLost(HostDriver host) {
    Optional<ProvisionException> lost = host.lostConnection();
    if (lost.isPresent()) {
      throw new LinkLost(lost.get());
    }
  }

  private static void fact(List<Check> checks, HostDriver host, BackendFacts.Finding finding) {
    if (!finding.holds()) {
      stopIfLinkLost(host);
    }
    checks.add(finding.asVerificationCheck());
  }

  private static void run(List<Check> checks, HostDriver host, String name, Probe probe) {
    try {
      checks.add(new Check(name, Status.OK, probe.run()));
    } catch (ProvisionException e) {
      stopIfLinkLost(host);
      checks.add(new Check(name, Status.FAILED, e.diagnostics().get(0).message()));
    }
  }
}
