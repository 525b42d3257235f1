package dev.provision.engine;

import dev.provision.diag.Diagnostic;
import dev.provision.exec.ExecListener;
import dev.provision.exec.ExecutionResult;
import dev.provision.exec.Executor;
import dev.provision.exec.FaultInjection;
import dev.provision.exec.Journal;
import dev.provision.exec.Redactor;
import dev.provision.exec.Step;
import dev.provision.exec.StepContext;
import dev.provision.exec.TestHooks;
import dev.provision.exec.ready.ReadinessWaiter;
import dev.provision.lock.DeploymentLock;
import dev.provision.lock.LockProgress;
import dev.provision.model.ApplyId;
import dev.provision.model.Spec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@link Engine#apply}: journaled, rolled back on failure, verified when it commits.
 */
final class ApplyRun {
  private ApplyRun() {}

  static ApplyResult run(
      LiveSession session,
      ExecListener listener,
      ApplyOptions options,
      Map<String, String> environment) {
    RotationGuard.check(session, options.allowSecretRotation());
    session.refuseBlocked();
    List<Diagnostic> tightened = securePrivateFolders(session, options);
    StepBinder binder = new StepBinder(session.stepNeeds());
    if (!options.noBackup() && !session.skipsBackup()) {
      Spec spec = session.reading().spec();
      binder.guarded(
          replace ->
              new BackupGuard(
                  replace,
                  spec,
                  session.desired(),
                  session.secretsFile(),
                  BackupService.folder(spec, Optional.empty())));
    }
    List<Step> steps = FaultInjection.wrap(binder.steps(session.plan()), environment);
    StepContext plain =
        new StepContext(
            session.spec().deployment(), session.host(), ReadinessWaiter.system(), line -> {});
    StepContext context =
        session
            .lock()
            .flatMap(l -> ApplyId.parse(l.applyId()))
            .map(plain::withApplyId)
            .orElse(plain);
    // a lock broken while held (unlock from elsewhere) stops the apply as Ctrl-C would
    session.lock().ifPresent(l -> l.onLost(() -> options.stop().stop()));
    try (Journal journal =
        Journal.create(
            options.journalDir(),
            session.spec().deployment(),
            Clock.systemUTC(),
            Redactor.of(session.desired()))) {
      // Only once the journal exists: an apply that cannot journal runs nothing, and must leave
      // no secrets file behind (a first apply would otherwise leave one holding just this key).
      session.hashKey().store(session.secretsFile());
      ExecListener tracked = session.lock().map(l -> LockProgress.of(listener, l)).orElse(listener);
      ExecutionResult result =
          new Executor(tracked, options.parallelism(), options.stop(), TestHooks.from(environment))
              .run(steps, context, journal);
      if (result.status() == ExecutionResult.Status.ROLLED_BACK) {
        // Nothing labelled with a key this apply made is left: take the key out again.
        session.hashKey().forget(session.secretsFile());
      }
      Optional<Verification> verification =
          result.committed()
                  && session.mode() != Engine.Mode.DESTROY
                  && session.mode() != Engine.Mode.DESTROY_DATA
              ? Optional.of(Verifier.verify(session))
              : Optional.empty();
      return new ApplyResult(
          result, verification, session.lock().flatMap(DeploymentLock::lostReason), tightened);
    }
  }

  /** The folders an apply writes its journal and secrets to, made private (0700). */
  static List<Diagnostic> securePrivateFolders(LiveSession session, ApplyOptions options) {
    return PrivateFolders.tighten(options.journalDir(), session.secretsFile().path());
  }
}
