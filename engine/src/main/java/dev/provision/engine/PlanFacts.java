package dev.provision.engine;

import dev.provision.convex.AuthEnv;
import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.live.ObservedResource;
import dev.provision.model.ContainerResource;
import dev.provision.model.Database;
import dev.provision.model.DatabaseResource;
import dev.provision.model.EnvVarResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Resource;
import dev.provision.model.SecretKind;
import dev.provision.model.SecretResource;
import dev.provision.model.VolumeResource;
import dev.provision.observe.DatabaseObservation;
import dev.provision.plan.ObservedFacts;
import dev.provision.secrets.SecretSource;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what a saved plan records about the target from a live session: container ids, image ids
 * and config hash labels, the id each desired image resolves to, volume identities, the backend's
 * version, the database's oid and keyed fingerprints of the secrets and of each sensitive
 * deployment env var. Reads only; a fact that cannot be read is left out (so it compares equal only
 * with itself left out).
 */
final class PlanFacts {
  private PlanFacts() {}

  static ObservedFacts read(LiveSession s) {
    HostDriver host = s.host();
    SortedMap<String, ObservedFacts.ContainerFacts> containers = new TreeMap<>();
    for (ObservedResource o : s.observed().resources().values()) {
      if (o.resource() instanceof ContainerResource c) {
        host.containerIdentity(c.name())
            .ifPresent(
                id ->
                    containers.put(
                        c.address().toString(),
                        new ObservedFacts.ContainerFacts(id.id(), id.imageId(), id.configHash())));
      }
    }
    SortedMap<String, String> images = new TreeMap<>();
    SortedMap<String, String> volumes = new TreeMap<>();
    SortedMap<String, String> secrets = new TreeMap<>();
    SortedMap<String, String> databases = new TreeMap<>();
    for (Resource r : s.desired().resources().values()) {
      if (r instanceof ContainerResource c) {
        images.put(c.image(), host.imageId(c.image()).orElse(ObservedFacts.ABSENT));
      } else if (r instanceof VolumeResource v) {
        volumes.put(v.name(), volume(host.volumeLabels(v.name())));
      } else if (r instanceof DatabaseResource d) {
        databases.put(r.address().toString(), database(s, d));
      } else if (r instanceof SecretResource secret) {
        secrets.put(r.address().toString(), fingerprint(s, secret));
      } else if (r instanceof EnvVarResource env && env.value().sensitive()) {
        // a deployment env var shows only as (sensitive): its keyed fingerprint is what tells a
        // value that moved between plan and apply (an ${env:} or ${file:} it reads)
        secrets.put(r.address().toString(), fingerprint(s, env));
      }
    }
    return new ObservedFacts(containers, images, volumes, backendVersion(s), secrets, databases);
  }

  /**
   * The database's oid. A managed server whose container does not exist holds no database; one that
   * is not running, or any failure to ask, is unknown (a plan never fails for this).
   */
  private static String database(LiveSession s, DatabaseResource d) {
    if (s.spec().database() instanceof Database.ManagedPostgres) {
      ObservedResource pg = s.observed().resources().get(Names.POSTGRES_CONTAINER);
      if (pg == null) {
        return ObservedFacts.ABSENT;
      }
      if (pg.status() == null || !pg.status().running()) {
        return ObservedFacts.UNKNOWN;
      }
    }
    try {
      return DatabaseObservation.admin(s.spec(), s.host())
          .databaseIdentity(d.name())
          .orElse(ObservedFacts.ABSENT);
    } catch (RuntimeException e) {
      return ObservedFacts.UNKNOWN;
    }
  }

  private static String volume(Optional<Map<String, String>> labels) {
    return labels
        .map(l -> l.getOrDefault(Labels.APPLY_ID, "(no apply id)"))
        .orElse(ObservedFacts.ABSENT);
  }

  private static String fingerprint(LiveSession s, SecretResource secret) {
    SecretSource source = s.reading().secrets().sources().get(secret.kind());
    if (source == SecretSource.GENERATED || source == SecretSource.UNKNOWN) {
      return ObservedFacts.GENERATED;
    }
    return s.reading()
        .hashes()
        .fingerprint(secret.address().toString(), secret.value())
        .orElse(ObservedFacts.UNKNOWN);
  }

  /** A JWT key pair generated at apply compares by kind, like the secret it is made from. */
  private static String fingerprint(LiveSession s, EnvVarResource env) {
    boolean jwt = env.name().equals(AuthEnv.JWT_PRIVATE_KEY) || env.name().equals(AuthEnv.JWKS);
    SecretSource source = s.reading().secrets().sources().get(SecretKind.JWT_PRIVATE_KEY);
    if (jwt
        && (source == null || source == SecretSource.GENERATED || source == SecretSource.UNKNOWN)) {
      return ObservedFacts.GENERATED;
    }
    return s.reading()
        .hashes()
        .fingerprint(env.address().toString(), env.value())
        .orElse(ObservedFacts.UNKNOWN);
  }

  /** What the running backend's {@code /version} says, through its published port. */
  private static Optional<String> backendVersion(LiveSession s) {
    ObservedResource backend = s.observed().resources().get(Names.BACKEND);
    if (backend == null || !(backend.resource() instanceof ContainerResource c)) {
      return Optional.empty();
    }
    Optional<PortBinding> api =
        c.ports().stream().filter(p -> p.containerPort() == BackendContainer.API_PORT).findFirst();
    if (api.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ConvexApiFactory.http().open(s.host().endpoint(api.get()), null).version());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
