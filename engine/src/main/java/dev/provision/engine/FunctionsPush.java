package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.driver.convex.EnvChange;
import dev.provision.exec.StopRequest;
import dev.provision.functions.FunctionsDeployer;
import dev.provision.functions.FunctionsHash;
import dev.provision.functions.FunctionsState;
import dev.provision.model.ContainerResource;
import dev.provision.model.Functions;
import dev.provision.model.Sensitive;
import dev.provision.model.Value;
import dev.provision.observe.ConvexAccess;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pushes a session's app functions to its backend and, once the CLI succeeded, records the pushed
 * hash and time in the deployment ({@link FunctionsState}). The CLI runs on this machine and
 * reaches the API where the host driver publishes it (over SSH: the driver's port forward, open
 * while the session is).
 */
final class FunctionsPush {
  private FunctionsPush() {}

  /** The hash pushed; {@code stop} ends the push (and the CLI's process tree) when requested. */
  static String run(
      LiveSession session,
      Map<String, String> environment,
      Clock clock,
      Consumer<String> lines,
      StopRequest stop) {
    Functions functions = session.spec().functions().orElseThrow();
    String hash = FunctionsHash.of(functions.dir());
    Value secret = session.instanceSecret();
    ContainerResource backend =
        (ContainerResource) session.desired().resources().get(Names.BACKEND);
    URI url = ConvexAccess.endpoint(session.host(), backend);
    String key = dev.provision.convex.Keys.adminKey(session.spec().deployment(), secret);
    new FunctionsDeployer(environment)
        .deploy(functions, url, key, masks(session, key), lines, stop::requested);
    ConvexAccess.open(session.host(), session.desired(), secret)
        .updateEnvironmentVariables(
            List.of(
                EnvChange.set(FunctionsState.HASH_VAR, hash),
                EnvChange.set(FunctionsState.AT_VAR, clock.instant().toString())));
    lines.accept("functions: pushed " + hash.substring(0, 12));
    return hash;
  }

  /**
   * Every text the push's output must not show: the admin key, and all a container log could print
   * ({@link LogMasks}: the instance secret, every sensitive value of the spec and the secrets
   * file). The lines leave the engine masked, whatever the edge does with them.
   */
  static Sensitive masks(LiveSession session, String adminKey) {
    return LogMasks.of(session.desired(), session.secretsFile())
        .plus(Sensitive.of(List.of(adminKey, session.instanceSecret().text())));
  }
}
