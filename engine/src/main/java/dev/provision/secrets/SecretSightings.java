package dev.provision.secrets;

import dev.provision.convex.BackendContainer;
import dev.provision.convex.InstanceSecret;
import dev.provision.desired.Names;
import dev.provision.driver.DriverFactory;
import dev.provision.driver.HostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.ContainerResource;
import dev.provision.model.SecretKind;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every place a deployment's instance secret can be seen (the spec's reference, the backend
 * container's INSTANCE_SECRET, the credentials file in its volume, the local secrets file) and the
 * one the engine picks from them with {@link SecretResolver}, the same rule plan and apply use.
 * Holds secret text: never put it in a message; {@link #toString()} shows only which are present.
 *
 * @param live what the target holds for the deployment (empty when the target was not asked)
 */
public record SecretSightings(
    Spec spec,
    ObservedState live,
    Optional<String> specReference,
    Optional<String> containerEnv,
    Optional<String> credentialsFile,
    Optional<String> secretsFile,
    Optional<Value> resolved,
    SecretSource source) {

  /** Looks at the spec and the secrets file only (the spec's reference needs no target). */
  public static SecretSightings offline(Spec spec) {
    return of(spec, ObservedState.empty(spec.deployment()), Optional.empty());
  }

  /** Looks at the spec, the secrets file and the live target through {@code host}. */
  public static SecretSightings read(Spec spec, HostDriver host) {
    ObservedState live = host.observe(spec.deployment());
    return read(spec, host, live);
  }

  /** As {@link #read(Spec, HostDriver)} with the target already observed. */
  public static SecretSightings read(Spec spec, HostDriver host, ObservedState live) {
    Optional<String> credentials = Optional.empty();
    String backend = Names.container(spec.deployment(), "backend");
    if (live.resources().containsKey(Names.BACKEND) && host.reachesInto(backend)) {
      credentials =
          host.readFile(backend, Names.CREDENTIALS_FILE)
              .map(b -> new String(b, StandardCharsets.UTF_8).strip())
              .filter(InstanceSecret::isValid);
    }
    return of(spec, live, credentials);
  }

  /**
   * The sightings for a spec: opens the target only when the spec gives no reference (a reference
   * wins over everything else, so the target cannot change the answer).
   */
  public static SecretSightings look(Spec spec, DriverFactory drivers) {
    if (spec.secrets().instanceSecret() != null) {
      return offline(spec);
    }
    try (HostDriver host = drivers.open(spec.target())) {
      return read(spec, host);
    }
  }

  private static SecretSightings of(Spec spec, ObservedState live, Optional<String> credentials) {
    Map<String, String> stored = new SecretsFile(spec.secrets().file()).read();
    SecretResolver.Resolved r =
        SecretResolver.resolve(
            spec,
            new SecretResolver.Sources(
                live,
                () -> credentials,
                stored,
                new TreeMap<>(),
                false,
                SecretResolver.Generators.random()));
    return of(spec, live, credentials, stored, r);
  }

  /** The sightings behind an already resolved secret ({@code stored}: the secrets file). */
  public static SecretSightings of(
      Spec spec,
      ObservedState live,
      Optional<String> credentials,
      Map<String, String> stored,
      SecretResolver.Resolved r) {
    return new SecretSightings(
        spec,
        live,
        Optional.ofNullable(spec.secrets().instanceSecret()).map(Value::text),
        containerEnv(live),
        credentials,
        Optional.ofNullable(stored.get(SecretKind.INSTANCE_SECRET.fileKey())),
        r.values().instanceSecret(),
        r.sources().getOrDefault(SecretKind.INSTANCE_SECRET, SecretSource.UNKNOWN));
  }

  private static Optional<String> containerEnv(ObservedState live) {
    ObservedResource r = live.resources().get(Names.BACKEND);
    if (r != null
        && r.resource() instanceof ContainerResource c
        && c.env().containsKey(BackendContainer.INSTANCE_SECRET_ENV)) {
      return Optional.of(c.env().get(BackendContainer.INSTANCE_SECRET_ENV).text());
    }
    return Optional.empty();
  }

  /**
   * The secret the backend itself starts with: its INSTANCE_SECRET env, else the credentials file.
   */
  public Optional<String> backendSecret() {
    return containerEnv.isPresent() ? containerEnv : credentialsFile;
  }

  /** Where the backend's secret was seen, for messages. */
  public String backendSecretSource() {
    return containerEnv.isPresent()
        ? "the backend container's INSTANCE_SECRET"
        : "the credentials file in the backend's volume";
  }

  /** Where the resolved secret came from, for messages (never the value). */
  public String resolvedSource() {
    switch (source) {
      case SPEC:
        return "the spec's secrets.instanceSecret";
      case LIVE:
        return backendSecretSource();
      case FILE:
        return "the secrets file " + spec.secrets().file();
      default:
        return "nowhere";
    }
  }

  @Override
  public String toString() {
    return "SecretSightings[spec="
        + specReference.isPresent()
        + ", env="
        + containerEnv.isPresent()
        + ", credentials="
        + credentialsFile.isPresent()
        + ", file="
        + secretsFile.isPresent()
        + ", source="
        + source
        + "]";
  }
}
