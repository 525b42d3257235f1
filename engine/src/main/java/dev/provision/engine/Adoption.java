package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HostDriver;
import dev.provision.driver.Labels;
import dev.provision.driver.VolumeUser;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.live.Ownership;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Mount;
import dev.provision.model.Spec;
import dev.provision.model.VolumeResource;
import dev.provision.observe.VolumeSecret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adds to what the host driver observed (only objects labelled as this deployment's) what the spec
 * names but provision did not make: a data volume without labels (made by docker compose or by
 * hand), observed as {@link Ownership#FOREIGN} until a container of this deployment mounts it, then
 * {@link Ownership#ADOPTED}; and every container of someone else that mounts one of the spec's
 * volumes, observed as {@code writer.NAME} (another writer of the same data).
 */
final class Adoption {
  static final String INSTANCE_NAME_FILE = "/convex/data/credentials/instance_name";

  private Adoption() {}

  static ObservedState observe(HostDriver host, Spec spec, ObservedState live, boolean writers) {
    SortedMap<Address, ObservedResource> out = new TreeMap<>(live.resources());
    String deployment = spec.deployment();
    for (VolumeResource v : DesiredStateCompiler.volumes(spec)) {
      boolean owned = live.resources().containsKey(v.address());
      Optional<Map<String, String>> labels = owned ? Optional.empty() : host.volumeLabels(v.name());
      boolean foreign = labels.isPresent() && !labels.get().containsKey(Labels.DEPLOYMENT);
      if (!owned && !foreign) {
        continue;
      }
      List<VolumeUser> users = host.volumeUsers(v.name());
      if (foreign) {
        boolean inUse =
            users.stream().anyMatch(u -> deployment.equals(u.labels().get(Labels.DEPLOYMENT)));
        out.put(
            v.address(),
            new ObservedResource(v, null, null, inUse ? Ownership.ADOPTED : Ownership.FOREIGN));
      }
      if (writers) {
        for (VolumeUser u : users) {
          if (!u.labels().containsKey(Labels.DEPLOYMENT)) {
            out.put(Address.of(Address.Kind.WRITER, u.name()), writer(u, v.name()));
          }
        }
      }
    }
    return new ObservedState(live.deployment(), out);
  }

  /**
   * Adds the volumes that the deployment's containers record as adopted ({@link
   * Labels#ADOPTED_VOLUMES}) and that still exist without provision's labels, so a destroy knows
   * them even when the spec no longer names them. Each is observed as {@link Ownership#ADOPTED}
   * under {@code volume.NAME} unless already observed under the spec's address.
   */
  static ObservedState recorded(HostDriver host, ObservedState observed) {
    SortedMap<Address, ObservedResource> out = new TreeMap<>(observed.resources());
    for (ObservedResource o : observed.resources().values()) {
      if (o.ownership() != Ownership.OWNED || !(o.resource() instanceof ContainerResource c)) {
        continue;
      }
      String recorded =
          host.inspectContainer(c.name())
              .map(state -> state.labels().getOrDefault(Labels.ADOPTED_VOLUMES, ""))
              .orElse("");
      for (String name : recorded.split(",")) {
        boolean known =
            out.values().stream()
                .anyMatch(r -> r.resource() instanceof VolumeResource v && v.name().equals(name));
        if (name.isBlank() || known) {
          continue;
        }
        boolean foreign =
            host.volumeLabels(name).map(l -> !l.containsKey(Labels.DEPLOYMENT)).orElse(false);
        if (foreign) {
          Address a = Address.of(Address.Kind.VOLUME, name);
          out.put(
              a, new ObservedResource(new VolumeResource(a, name), null, null, Ownership.ADOPTED));
        }
      }
    }
    return new ObservedState(observed.deployment(), out);
  }

  private static ObservedResource writer(VolumeUser u, String volume) {
    ContainerResource c =
        new ContainerResource(
            Address.of(Address.Kind.WRITER, u.name()),
            u.name(),
            u.image(),
            new TreeMap<>(),
            List.of(),
            List.of(Mount.volume(volume, "")),
            null,
            null,
            List.of(),
            u.restartPolicy(),
            null,
            10,
            null,
            List.of(),
            null);
    return new ObservedResource(
        c, new RuntimeStatus(u.running(), null, null), null, Ownership.FOREIGN);
  }

  /**
   * Refuses to adopt a data volume whose stored instance name differs from the spec's deployment:
   * the backend would rename the data's instance and every admin key (prefixed with the name) would
   * stop working.
   */
  static void checkInstanceName(HostDriver host, Spec spec, ObservedState observed) {
    ObservedResource data = observed.resources().get(Names.DATA_VOLUME);
    if (data == null || data.ownership() != Ownership.FOREIGN) {
      return;
    }
    Optional<String> stored = VolumeSecret.readText(host, spec, INSTANCE_NAME_FILE);
    if (stored.isPresent() && !stored.get().equals(spec.deployment())) {
      throw new ProvisionException(
          Diagnostic.error(
                  null,
                  "deployment",
                  "the data volume "
                      + spec.backend().volume()
                      + " belongs to the instance '"
                      + stored.get()
                      + "', not '"
                      + spec.deployment()
                      + "'")
              .withExpected("deployment: " + stored.get() + " (the name stored with the data)")
              .withHint(
                  "set deployment to "
                      + stored.get()
                      + " to adopt this data; another name would invalidate every admin key"));
    }
  }
}
