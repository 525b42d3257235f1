package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.driver.convex.EnvChange;
import dev.provision.functions.FunctionsDeployer;
import dev.provision.functions.FunctionsHash;
import dev.provision.functions.FunctionsState;
import dev.provision.model.ContainerResource;
import dev.provision.model.Functions;
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

  /** The hash pushed. */
  static String run(
      LiveSession session, Map<String, String> environment, Clock clock, Consumer<String> lines) {
    Functions functions = session.spec().functions().orElseThrow();
    String hash = FunctionsHash.of(functions.dir());
    Value secret = session.instanceSecret();
    ContainerResource backend =
        (ContainerResource) session.desired().resources().get(Names.BACKEND);
    URI url = ConvexAccess.endpoint(session.host(), backend);
    String key = dev.provision.convex.Keys.adminKey(session.spec().deployment(), secret);
    List<String> masks = new java.util.ArrayList<>(session.spec().sensitive().texts());
    masks.add(secret.text());
    new FunctionsDeployer(environment).deploy(functions, url, key, masks, lines);
    ConvexAccess.open(session.host(), session.desired(), secret)
        .updateEnvironmentVariables(
            List.of(
                EnvChange.set(FunctionsState.HASH_VAR, hash),
                EnvChange.set(FunctionsState.AT_VAR, clock.instant().toString())));
    lines.accept("functions: pushed " + hash.substring(0, 12));
    return hash;
  }
}
