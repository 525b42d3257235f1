package dev.provision.driver;

import dev.provision.diag.ProvisionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The call log of {@link FakeHostDriver}: every call as a {@code method argument} string, the
 * failures a test scripted ({@code method name}), the simulated crash ({@code kill -9} at the n-th
 * container change), and whether the driver was closed. Guarded by the driver's lock.
 */
final class FakeCalls {
  /** The calls that change a container, counted for {@link FakeHostDriver#crashAt}. */
  private static final Set<String> CHANGES =
      Set.of(
          "createContainer",
          "startContainer",
          "stopContainer",
          "removeContainer",
          "renameContainer",
          "setRestartPolicy");

  private final Set<String> failures = new HashSet<>();
  private final List<String> calls = new ArrayList<>();
  private int crashAt;
  private int changes;
  private boolean closed;

  void crashAt(int n) {
    crashAt = n;
    changes = 0;
  }

  int changes() {
    return changes;
  }

  void failOn(String method, String name) {
    failures.add(method + " " + name);
  }

  void clearFailures() {
    failures.clear();
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  void close() {
    closed = true;
  }

  /**
   * Records a call; throws when the driver is closed, when it is the simulated crash, or when the
   * call was scripted to fail.
   */
  void call(String method, String argument) {
    if (closed) {
      throw new IllegalStateException("the fake host driver is closed");
    }
    calls.add(method + " " + argument);
    if (CHANGES.contains(method) && ++changes == crashAt) {
      throw new FakeHostDriver.Crash(method + " " + argument);
    }
    String key = method + " " + argument.split(" ")[0];
    if (failures.contains(key)) {
      throw fail("scripted failure: " + key);
    }
  }

  static ProvisionException fail(String message) {
    return ProvisionException.of(message, "This is the fake host driver of a test.");
  }
}
