package dev.provision.observe;

import dev.provision.desired.Names;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.DatabaseResource;
import dev.provision.model.DesiredState;
import dev.provision.model.EnvVarResource;
import dev.provision.model.FileResource;
import dev.provision.model.Resource;
import dev.provision.model.SecretKind;
import dev.provision.model.SecretResource;
import dev.provision.model.Value;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Puts together what a target holds beyond containers, networks and volumes: the secrets file, the
 * deployment env vars the engine manages, the app's env file and the Postgres database. Each source
 * is a small function so this class does no I/O itself.
 */
public final class LiveObserver {
  private LiveObserver() {}

  /**
   * @param host what the host driver observed
   * @param secrets secret address -> stored value (from the secrets file)
   * @param deploymentEnv the backend's env vars, empty when the backend is not reachable
   * @param file reads the desired file's current entries (empty when the file does not exist)
   * @param databaseExists whether the desired database exists
   */
  public static ObservedState observe(
      DesiredState desired,
      ObservedState host,
      Map<Address, String> secrets,
      Optional<SortedMap<String, String>> deploymentEnv,
      Function<FileResource, Optional<SortedMap<String, Value>>> file,
      Function<DatabaseResource, Boolean> databaseExists) {
    SortedMap<Address, ObservedResource> out = new TreeMap<>(host.resources());
    secrets.forEach(
        (a, v) ->
            out.put(
                a,
                ObservedResource.of(
                    new SecretResource(SecretKind.at(a).orElseThrow(), Value.secret(v)))));
    deploymentEnv.ifPresent(env -> envVars(desired, env, out));
    for (Resource r : desired.resources().values()) {
      if (r instanceof FileResource f) {
        file.apply(f)
            .ifPresent(
                entries ->
                    out.put(
                        f.address(),
                        ObservedResource.of(new FileResource(f.address(), f.path(), entries))));
      } else if (r instanceof DatabaseResource d && databaseExists.apply(d)) {
        out.put(d.address(), ObservedResource.of(d));
      }
    }
    return new ObservedState(host.deployment(), out);
  }

  private static void envVars(
      DesiredState desired,
      SortedMap<String, String> env,
      SortedMap<Address, ObservedResource> out) {
    Set<String> names = new TreeSet<>(managed(env.get(Names.MANAGED_ENV)));
    desired.resources().keySet().stream()
        .filter(a -> a.kind() == Address.Kind.ENV)
        .map(Address::name)
        .forEach(names::add);
    for (String name : names) {
      String value = env.get(name);
      if (value == null) {
        continue;
      }
      Address a = Address.of(Address.Kind.ENV, name);
      Resource want = desired.resources().get(a);
      boolean sensitive = want == null || want.attributes().get("value").sensitive();
      out.put(a, ObservedResource.of(new EnvVarResource(a, name, new Value(value, sensitive))));
    }
  }

  /** Parses the marker's comma-separated names. */
  public static Set<String> managed(String marker) {
    Set<String> out = new TreeSet<>();
    if (marker != null) {
      for (String n : marker.split(",")) {
        if (!n.isBlank()) {
          out.add(n.strip());
        }
      }
    }
    return out;
  }
}
