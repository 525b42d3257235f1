package dev.provision.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the version from the jar's manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"provision " + (v == null ? "0.1.0-SNAPSHOT" : v)};
  }
}
