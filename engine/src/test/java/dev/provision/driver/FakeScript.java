package dev.provision.driver;

import java.util.List;

/**
 * How a container of the {@link FakeHostDriver} started from a given image or under a given name
 * behaves.
 */
public record FakeScript(Integer exitAtOnce, boolean neverReady, List<String> logs) {
  public static FakeScript exitsAtOnce(int code, String... logs) {
    return new FakeScript(code, false, List.of(logs));
  }

  public static FakeScript notReady(String... logs) {
    return new FakeScript(null, true, List.of(logs));
  }
}
