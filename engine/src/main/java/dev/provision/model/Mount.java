package dev.provision.model;

/**
 * A mount into a container: a named volume, or (when {@code bind} is true) a host file or folder
 * given by absolute path.
 */
public record Mount(String source, String target, boolean bind, boolean readOnly) {
  public static Mount volume(String name, String target) {
    return new Mount(name, target, false, false);
  }

  public static Mount bindReadOnly(String hostPath, String target) {
    return new Mount(hostPath, target, true, true);
  }

  @Override
  public String toString() {
    return source + ":" + target + (readOnly ? ":ro" : "");
  }
}
