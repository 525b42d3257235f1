package dev.provision.secrets;

import dev.provision.convex.BackendContainer;
import dev.provision.convex.InstanceSecret;
import dev.provision.desired.Names;
import dev.provision.driver.HostDriver;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.SecretKind;
import dev.provision.model.Spec;
import dev.provision.observe.VolumeSecret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a live session finds the secrets that already exist: the backend's credentials file (from
 * the container that holds the data, else the data volume itself), the secrets file's entries by
 * address, and the refusal to give existing data a new instance secret. No I/O beyond the host
 * driver's reads.
 */
public final class LiveSecrets {
  private LiveSecrets() {}

  /** The secret the backend stored: from its container, else (no container) from its volume. */
  public static Optional<String> credentials(HostDriver host, ObservedState live, Spec spec) {
    ObservedResource backend = live.resources().get(Names.BACKEND);
    boolean mountsData =
        backend != null
            && backend.resource() instanceof dev.provision.model.ContainerResource c
            && c.mounts().stream()
                .anyMatch(
                    m ->
                        !m.bind()
                            && m.source().equals(spec.backend().volume())
                            && m.target().equals(BackendContainer.DATA_PATH));
    if (!mountsData) {
      // No backend, or one that does not hold the data (re-created by hand without the volume):
      // its own credentials file is not the data's. Read the volume itself.
      return VolumeSecret.read(host, spec, live);
    }
    Optional<String> rewritten = rewrittenAtStart(backend);
    if (rewritten.isPresent()) {
      return rewritten;
    }
    String name = Names.container(spec.deployment(), "backend");
    if (!host.reachesInto(name)) {
      // A Swarm task on another node (or on one that is down): its file cannot be read from here,
      // and the backend wrote it from this env var when it last started.
      return envSecret(backend);
    }
    return host.readFile(name, Names.CREDENTIALS_FILE)
        .map(b -> new String(b, StandardCharsets.UTF_8).strip())
        .filter(InstanceSecret::isValid);
  }

  /**
   * The credentials file of a running backend that holds the data and was started with a valid
   * INSTANCE_SECRET: the backend rewrites the file from that env var on every start, so the file
   * holds the env's value and copying it out of the volume (a short-lived archive read on every
   * plan) would tell nothing new. Empty when the file has to be read.
   */
  private static Optional<String> rewrittenAtStart(ObservedResource backend) {
    if (backend.status() == null || !backend.status().running()) {
      return Optional.empty();
    }
    return envSecret(backend);
  }

  /** The backend's INSTANCE_SECRET env var, when it holds a valid secret. */
  private static Optional<String> envSecret(ObservedResource backend) {
    if (!(backend.resource() instanceof dev.provision.model.ContainerResource c)) {
      return Optional.empty();
    }
    return Optional.ofNullable(c.env().get(BackendContainer.INSTANCE_SECRET_ENV))
        .map(v -> v.text().strip())
        .filter(InstanceSecret::isValid);
  }

  /**
   * Refuses to start a data volume with a new secret: the backend would replace the stored one for
   * good and every admin key issued for that data would die.
   */
  public static void refuseNewSecretForOldData(
      SecretResolver.Resolved secrets, ObservedState live, Spec spec) {
    boolean generated = secrets.sources().get(SecretKind.INSTANCE_SECRET) == SecretSource.GENERATED;
    if (generated && live.resources().containsKey(Names.DATA_VOLUME)) {
      throw new dev.provision.diag.ProvisionException(
          dev.provision.diag.Diagnostic.error(
                  null,
                  "secrets.instanceSecret",
                  "the data volume "
                      + spec.backend().volume()
                      + " exists, but provision cannot find its instance secret")
              .withExpected(
                  "the secret in the secrets file, the running backend, or the volume's credentials file")
              .withHint(
                  "restore the secrets file ("
                      + spec.secrets().file()
                      + ") or set secrets.instanceSecret; "
                      + "a new secret would make every admin key issued for this data stop working"));
    }
  }

  public static Map<Address, String> storedSecrets(Map<String, String> stored) {
    Map<Address, String> out = new TreeMap<>();
    for (SecretKind kind : SecretKind.values()) {
      if (stored.containsKey(kind.fileKey())) {
        out.put(kind.address(), stored.get(kind.fileKey()));
      }
    }
    return out;
  }
}
