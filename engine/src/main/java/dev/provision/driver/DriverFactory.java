package dev.provision.driver;

import dev.provision.model.Target;

/**
 * Opens the host driver for a spec's target. The CLI's Main passes the real one; tests a double.
 */
@FunctionalInterface
public interface DriverFactory {
  HostDriver open(Target target);
}
