package dev.provision.cli;

import dev.provision.lock.LockRequest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What a command that takes the deployment's lock and asks before it replaces or removes data
 * shares ({@code restore}, {@code destroy}): the spec, its {@code --set} and lock options, and the
 * question.
 */
abstract class LockedSpecCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin SpecOptions options;
  @Mixin LockOptions lock;
  @Spec CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  /** The lock as {@code --lock-timeout} asks, recording this command line (redacted). */
  LockRequest lockRequest() {
    return lock.request(commandSpec);
  }

  /** Unless {@code yes}, asks {@code question} and goes on only when the answer is "yes". */
  void confirm(boolean yes, String question, String what) {
    if (!yes) {
      Confirm.ask(main.cli, question, "yes", what);
    }
  }
}
