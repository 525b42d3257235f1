package dev.provision.engine;

import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.ContainerState;
import dev.provision.driver.DriverFactory;
import dev.provision.driver.HostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Spec;
import dev.provision.secrets.SecretSightings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to "BadAdminKey": checks a deployment step by step, from the target to the app's env
 * file, and says for each check what was seen and what to do. The target is reachable, the backend
 * container runs, {@code /version} answers on the published port, {@code /instance_name} is the
 * spec's deployment, a key issued from the secret the engine holds is accepted (when not, which
 * copy of the secret differs), the env file's key and URL fit, and the app's side is clean ({@link
 * AppSideChecks}). Reads only; never prints.
 */
public final class Doctor {
  static final String TARGET = "target";
  static final String CONTAINER = "backend container";
  static final String VERSION = BackendFacts.Fact.VERSION.title();
  static final String NAME = BackendFacts.Fact.INSTANCE_NAME.title();
  static final String KEY = BackendFacts.Fact.ADMIN_KEY.title();

  /** Exit codes of a container stopped on purpose: cleanly, or by SIGINT or SIGTERM. */
  private static final List<Integer> STOP_CODES = List.of(0, 130, 143);

  private final DriverFactory drivers;
  private final ConvexApiFactory apis;
  private final Map<String, String> environment;

  /** A doctor that looks at no shell environment (for stray Convex variables). */
  public Doctor(DriverFactory drivers, ConvexApiFactory apis) {
    this(drivers, apis, Map.of());
  }

  /** {@code environment}: the shell environment provision runs in (only names are reported). */
  public Doctor(DriverFactory drivers, ConvexApiFactory apis, Map<String, String> environment) {
    this.drivers = drivers;
    this.apis = apis;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Every check in order, the app's side last; a check whose premise failed is skipped with the
   * reason.
   */
  public List<DoctorCheck> examine(Spec spec) {
    List<DoctorCheck> out = deployment(spec);
    out.addAll(AppSideChecks.check(spec, environment));
    return out;
  }

  private List<DoctorCheck> deployment(Spec spec) {
    List<DoctorCheck> out = new ArrayList<>();
    HostDriver host;
    ObservedState live;
    try {
      host = drivers.open(spec.target());
    } catch (ProvisionException e) {
      return unreachable(spec, e, out);
    }
    try (host) {
      try {
        live = host.observe(spec.deployment());
      } catch (ProvisionException e) {
        return unreachable(spec, e, out);
      }
      out.add(DoctorCheck.ok(TARGET, host.describe() + " answers"));
      examine(spec, host, live, out);
    }
    return out;
  }

  private void examine(Spec spec, HostDriver host, ObservedState live, List<DoctorCheck> out) {
    SecretSightings seen;
    try {
      seen = SecretSightings.read(spec, host, live);
    } catch (ProvisionException e) {
      seen = null;
      out.add(DoctorCheck.fail("instance secret", message(e), hint(e)));
    }
    boolean running = container(spec, host, out);
    URI base = running ? endpoint(spec, host, live, out) : null;
    if (base == null) {
      String why = running ? "no endpoint for the API port" : "the backend container does not run";
      out.add(DoctorCheck.skip(VERSION, why));
      out.add(DoctorCheck.skip(NAME, why));
      out.add(DoctorCheck.skip(KEY, why));
    } else if (version(base, out)) {
      boolean sameName = instanceName(spec, base, out);
      out.add(
          seen == null
              ? DoctorCheck.skip(KEY, "the instance secret could not be read")
              : KeyAcceptance.check(spec, seen, base, sameName, apis));
    } else {
      out.add(DoctorCheck.skip(NAME, "the backend does not answer"));
      out.add(DoctorCheck.skip(KEY, "the backend does not answer"));
    }
    if (spec.proxy().enabled()) {
      out.add(ProxyDoctor.container(spec, host));
    }
    if (seen != null) {
      out.add(new SecretComparison(seen).check());
      out.addAll(EnvFileChecks.check(spec, seen));
    }
  }

  private static List<DoctorCheck> unreachable(
      Spec spec, ProvisionException e, List<DoctorCheck> out) {
    out.add(DoctorCheck.fail(TARGET, message(e), hint(e)));
    for (String later : List.of(CONTAINER, VERSION, NAME, KEY)) {
      out.add(DoctorCheck.skip(later, "the target is not reachable"));
    }
    return out;
  }

  private static boolean container(Spec spec, HostDriver host, List<DoctorCheck> out) {
    String name = Names.container(spec.deployment(), "backend");
    Optional<ContainerState> state;
    try {
      state = host.inspectContainer(name);
    } catch (ProvisionException e) {
      out.add(DoctorCheck.fail(CONTAINER, message(e), hint(e)));
      return false;
    }
    if (state.isEmpty()) {
      out.add(
          DoctorCheck.fail(
              CONTAINER,
              "no container " + name + " on " + host.describe(),
              "run `provision apply " + spec.source() + "` to create it"));
      return false;
    }
    ContainerState s = state.get();
    String health = s.health() == null ? "" : ", health " + s.health();
    if (!s.running()) {
      boolean stopped = s.exitCode() != null && STOP_CODES.contains(s.exitCode());
      out.add(
          DoctorCheck.fail(
              CONTAINER,
              name
                  + " is not running (exit code "
                  + (s.exitCode() == null ? "unknown" : s.exitCode())
                  + health
                  + (stopped ? ": it was stopped" : "")
                  + ")"
                  + logs(host, name),
              stopped
                  ? "`provision apply` starts it again"
                  : "read its last log lines: a malformed INSTANCE_SECRET or an unreachable database"
                      + " stops the backend at start; `provision apply` starts it again"));
      return false;
    }
    if ("unhealthy".equals(s.health())) {
      out.add(
          DoctorCheck.fail(
              CONTAINER,
              name + " runs but its health check fails" + logs(host, name),
              "read its last log lines; the health check asks GET /version inside the container"));
      return true;
    }
    out.add(DoctorCheck.ok(CONTAINER, name + " runs " + s.image() + health));
    return true;
  }

  private static String logs(HostDriver host, String name) {
    try {
      List<String> lines = host.logTail(name, 10);
      return lines.isEmpty() ? "; no log lines" : "; last log lines:\n" + String.join("\n", lines);
    } catch (ProvisionException e) {
      return "; its log could not be read";
    }
  }

  private static URI endpoint(
      Spec spec, HostDriver host, ObservedState live, List<DoctorCheck> out) {
    PortBinding binding =
        new PortBinding(spec.backend().bind(), spec.backend().apiPort(), BackendContainer.API_PORT);
    ObservedResource r = live.resources().get(Names.BACKEND);
    if (r != null && r.resource() instanceof ContainerResource c) {
      binding =
          c.ports().stream()
              .filter(p -> p.containerPort() == BackendContainer.API_PORT)
              .findFirst()
              .orElse(binding);
    }
    try {
      return host.endpoint(binding);
    } catch (ProvisionException e) {
      out.add(DoctorCheck.fail(VERSION, message(e), hint(e)));
      return null;
    }
  }

  private boolean version(URI base, List<DoctorCheck> out) {
    BackendFacts.Finding found = BackendFacts.version(apis.open(base, null), base);
    out.add(found.asDoctorCheck());
    return found.holds();
  }

  private boolean instanceName(Spec spec, URI base, List<DoctorCheck> out) {
    BackendFacts.Finding found =
        BackendFacts.instanceName(apis.open(base, null), base, spec.deployment());
    out.add(found.asDoctorCheck());
    return found.holds();
  }

  static String message(ProvisionException e) {
    return BackendFacts.message(e);
  }

  static String hint(ProvisionException e) {
    return BackendFacts.hint(e);
  }
}
