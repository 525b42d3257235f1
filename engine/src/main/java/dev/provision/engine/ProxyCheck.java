package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ExecResult;
import dev.provision.engine.Verification.Check;
import dev.provision.engine.Verification.Status;
import java.time.Duration;
import java.util.List;

/**
 * The check after apply for {@code proxy:}: the backend reaches its own public API URL from inside
 * its container, which goes through the proxy's network alias for the name (the hairpin) and so
 * proves at once that the proxy runs, forwards, has its certificate, and that the backend trusts
 * it. Certificates are obtained after the proxy starts, so the check waits for them a while.
 */
final class ProxyCheck {
  static final String NAME = "HTTPS through the proxy from inside the backend";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private ProxyCheck() {}

  static Check fromInside(LiveSession s) {
    String url =
        s.spec().backend().cloudOrigin() + dev.provision.convex.BackendContainer.VERSION_PATH;
    String container = Names.container(s.spec().deployment(), "backend");
    long deadline = System.nanoTime() + WAIT.toNanos();
    ExecResult last;
    try {
      while (true) {
        last =
            s.host()
                .exec(
                    container, List.of("curl", "-fsS", "-o", "/dev/null", "--max-time", "5", url));
        if (last.ok()) {
          return new Check(NAME, Status.OK, url);
        }
        if (last.exitCode() == 127 || last.exitCode() == 126) {
          return new Check(NAME, Status.SKIPPED, "no curl in the backend image to check " + url);
        }
        if (System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(PAUSE.toMillis());
      }
    } catch (ProvisionException e) {
      return new Check(NAME, Status.FAILED, e.diagnostics().get(0).message());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check(NAME, Status.SKIPPED, "interrupted");
    }
    return new Check(
        NAME,
        Status.FAILED,
        url
            + " does not answer over HTTPS after "
            + WAIT.toSeconds()
            + " s (curl exit "
            + last.exitCode()
            + "): check that each name's DNS record points at this host and ports 80/443 reach"
            + " the proxy (provision logs SPEC proxy); with a private CA set"
            + " `proxy.tls.backendTrust`");
  }
}
