package dev.provision.cli;

import dev.provision.lock.LockRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The lock options of apply and destroy, and the redacted command line recorded in the lock. */
final class LockOptions {
  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "0",
      converter = LockTimeout.class,
      description =
          "Wait this long (e.g. 30s, 2m) when another apply or destroy holds the deployment's lock;"
              + " default 0: fail at once, naming the holder.")
  Duration lockTimeout;

  LockRequest request(CommandSpec spec) {
    return new LockRequest(redacted(spec), lockTimeout);
  }

  /**
   * {@code provision apply SPEC --yes --set}: the command words and flag names only, never a value
   * (a spec path or {@code --set} value may say more than the holder wants to share).
   */
  static String redacted(CommandSpec spec) {
    List<String> words = new ArrayList<>(List.of(spec.qualifiedName(" "), "SPEC"));
    for (String arg : spec.commandLine().getParseResult().originalArgs()) {
      if (arg.startsWith("-")) {
        words.add(arg.split("=", 2)[0]);
      }
    }
    return String.join(" ", words);
  }
}
