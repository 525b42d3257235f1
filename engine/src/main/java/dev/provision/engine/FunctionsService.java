package dev.provision.engine;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.StopRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The bodies of {@link Engine}'s functions status and push, on an open session. */
final class FunctionsService {
  private FunctionsService() {}

  /** What the backend runs; empty when the spec has no {@code functions:}. */
  static Optional<FunctionsStatus> status(LiveSession session, Map<String, String> environment) {
    return session.spec().functions().isEmpty()
        ? Optional.empty()
        : Optional.of(FunctionsStatus.of(session, environment));
  }

  /** True when the session's plan pushes the app's functions ({@code functions.deploy}). */
  static boolean pushes(LiveSession session) {
    return FunctionsPlanning.pushes(session.plan());
  }

  /**
   * Pushes the functions; see {@link Engine#deployFunctions(LiveSession, Consumer, StopRequest)}.
   */
  static String deploy(
      LiveSession session,
      Map<String, String> environment,
      Consumer<String> lines,
      StopRequest stop) {
    if (session.spec().functions().isEmpty()) {
      throw ProvisionException.of(
          "the spec has no `functions:` section", "add `functions: {dir: <app folder>}`");
    }
    return FunctionsPush.run(session, environment, Clock.systemUTC(), lines, stop);
  }
}
