package dev.provision.driver;

import java.util.Set;
import java.util.SortedMap;

/**
 * Everything the {@link FakeHostDriver} holds, comparable by value: assert that a rollback restored
 * it.
 */
public record FakeState(
    SortedMap<String, String> networks,
    SortedMap<String, String> volumes,
    SortedMap<String, ContainerView> containers,
    Set<String> images) {

  /** A container as the fake holds it, comparable by value for state assertions. */
  public record ContainerView(String image, String configHash, boolean running, Integer exitCode) {}
}
