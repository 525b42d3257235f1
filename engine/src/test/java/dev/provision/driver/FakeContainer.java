package dev.provision.driver;

import dev.provision.model.ContainerResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One container of the in-memory host: its spec, files, logs and run state. */
final class FakeContainer {
  final String deployment;
  final ContainerResource spec;
  final String configHash;
  final Map<String, byte[]> files;
  final List<String> logs = new ArrayList<>();
  boolean running;
  Integer exitCode;

  FakeContainer(String deployment, ContainerResource spec, String hash, Map<String, byte[]> files) {
    this.deployment = deployment;
    this.spec = spec;
    this.configHash = hash;
    this.files = new HashMap<>(files);
  }
}
