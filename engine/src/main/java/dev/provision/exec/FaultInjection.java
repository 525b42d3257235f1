package dev.provision.exec;

import dev.provision.diag.ProvisionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>For tests only.</b> Makes one step of an apply fail on purpose, so tests can prove that a
 * failed apply leaves the target as it was whichever step fails. Driven by the engine's environment
 * map (never set these variables outside a test):
 *
 * <ul>
 *   <li>{@value #FAIL_AT_STEP}{@code =<k or step id>}: the step fails right after its own apply
 *       succeeded. Its effect is real, so, as every failing step must, it first reverses it with
 *       its own undo; the executor then undoes the steps that completed before.
 *   <li>{@value #FAIL_BEFORE_STEP}{@code =<k or step id>}: the step fails before it does anything.
 * </ul>
 *
 * {@code k} is 1-based, in the order steps start (with {@code --parallelism 1} that order is
 * fixed); anything else is a step id such as {@code env.FEATURE_FLAG/set-env}. A value that matches
 * no step of the apply is an error, so a test never passes because its fault was never injected.
 * With neither variable set, {@link #wrap} returns the steps unchanged.
 */
public final class FaultInjection {
  /** Fail the selected step right after its apply succeeded (and its own undo ran). */
  public static final String FAIL_AT_STEP = "PROVISION_TEST_FAIL_AT_STEP";

  /** Fail the selected step before its apply. */
  public static final String FAIL_BEFORE_STEP = "PROVISION_TEST_FAIL_BEFORE_STEP";

  private FaultInjection() {}

  /** The steps, wrapped to fail where {@code environment} asks; unchanged when it asks nothing. */
  public static List<Step> wrap(List<Step> steps, Map<String, String> environment) {
    Optional<Selector> before = Selector.parse(FAIL_BEFORE_STEP, environment, steps);
    Optional<Selector> after = Selector.parse(FAIL_AT_STEP, environment, steps);
    if (before.isEmpty() && after.isEmpty()) {
      return steps;
    }
    AtomicInteger started = new AtomicInteger();
    return steps.stream().<Step>map(s -> new Faulty(s, started, before, after)).toList();
  }

  /** Which step to fail: by its start index (1-based) or by its id. */
  private record Selector(String variable, int index, String id) {
    static Optional<Selector> parse(String variable, Map<String, String> env, List<Step> steps) {
      String raw = env.get(variable);
      if (raw == null || raw.isBlank()) {
        return Optional.empty();
      }
      String value = raw.strip();
      if (value.chars().allMatch(Character::isDigit)) {
        int k = Integer.parseInt(value);
        if (k < 1 || k > steps.size()) {
          throw unmatched(variable, value, steps);
        }
        return Optional.of(new Selector(variable, k, null));
      }
      if (steps.stream().noneMatch(s -> s.id().equals(value))) {
        throw unmatched(variable, value, steps);
      }
      return Optional.of(new Selector(variable, 0, value));
    }

    boolean matches(int startIndex, String stepId) {
      return id == null ? startIndex == index : id.equals(stepId);
    }

    private static ProvisionException unmatched(String variable, String value, List<Step> steps) {
      return ProvisionException.of(
          variable + "=" + value + " matches none of the " + steps.size() + " steps of this apply",
          "give a number from 1 to " + steps.size() + " or one of the step ids of the plan");
    }
  }

  /** A step that fails where its selector says and otherwise does what the real one does. */
  private static final class Faulty implements Step {
    private final Step step;
    private final AtomicInteger started;
    private final Optional<Selector> before;
    private final Optional<Selector> after;

    Faulty(Step step, AtomicInteger started, Optional<Selector> before, Optional<Selector> after) {
      this.step = step;
      this.started = started;
      this.before = before;
      this.after = after;
    }

    @Override
    public String id() {
      return step.id();
    }

    @Override
    public List<String> dependsOn() {
      return step.dependsOn();
    }

    @Override
    public String description() {
      return step.description();
    }

    @Override
    public Applied apply(StepContext context) throws Exception {
      int n = started.incrementAndGet();
      if (before.isPresent() && before.get().matches(n, step.id())) {
        throw injected(FAIL_BEFORE_STEP, "before step " + step.id() + " (#" + n + ") ran");
      }
      Applied applied = step.apply(context);
      if (after.isPresent() && after.get().matches(n, step.id())) {
        throw undoOwnEffect(applied.undo(), context, n);
      }
      return applied;
    }

    /** A failed step is never undone by the rollback: reverse this one's real effect here. */
    private ProvisionException undoOwnEffect(Undo undo, StepContext context, int n) {
      String where = "after step " + step.id() + " (#" + n + ") applied";
      if (undo instanceof Undo.Run run) {
        try {
          run.action().run(context);
        } catch (Exception e) {
          ProvisionException failure =
              injected(FAIL_AT_STEP, where + "; undoing its own effect FAILED: " + e.getMessage());
          failure.addSuppressed(e);
          return failure;
        }
        return injected(FAIL_AT_STEP, where + "; its own effect was undone");
      }
      if (undo instanceof Undo.None none) {
        return injected(FAIL_AT_STEP, where + "; its effect stays: " + none.reason());
      }
      return injected(FAIL_AT_STEP, where + "; nothing of it to undo");
    }

    private static ProvisionException injected(String variable, String detail) {
      return ProvisionException.of(
          "injected failure (" + variable + ") " + detail,
          "this is a test hook: unset " + variable + " to apply for real");
    }
  }
}
