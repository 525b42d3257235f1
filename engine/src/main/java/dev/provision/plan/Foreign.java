package dev.provision.plan;

import dev.provision.diag.Diagnostic;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Resource;
import dev.provision.model.Value;
import dev.provision.observe.ObservedResource;
import dev.provision.observe.Ownership;
import java.util.List;
import java.util.Optional;

/**
 * What the planner does with objects provision did not make. A volume the spec names that exists
 * without provision's labels (as docker compose makes it) is adopted, never recreated and never
 * deleted; a container of someone else that mounts that data ({@code writer.NAME}, such as the
 * backend docker compose started) is another writer: it is stopped and kept from coming back at
 * reboot before provision's backend starts on the same data. Pure.
 */
final class Foreign {
  private Foreign() {}

  static Optional<Change> plan(
      Address a, Resource want, ObservedResource have, boolean deleteData) {
    if (a.kind().equals("volume") && want != null && have.ownership() == Ownership.FOREIGN) {
      return Optional.of(
          Planner.change(
              a,
              Action.ADOPT,
              List.of(),
              "volume "
                  + ((dev.provision.model.VolumeResource) want).name()
                  + " exists without provision's labels (made by docker compose or by hand): "
                  + "its data is used as it is, never recreated or deleted"));
    }
    if (a.kind().equals("writer") && have.resource() instanceof ContainerResource c) {
      boolean running = have.status() != null && have.status().running();
      boolean comesBack = !"no".equals(c.restartPolicy());
      if (!running && !comesBack) {
        return Optional.empty(); // already taken out
      }
      List<AttributeChange> diff =
          List.of(
              new AttributeChange("restart", Value.plain(c.restartPolicy()), Value.plain("no")),
              new AttributeChange(
                  "running", Value.plain(Boolean.toString(running)), Value.plain("false")));
      return Optional.of(
          Planner.change(
              a,
              Action.UPDATE,
              diff,
              "container "
                  + c.name()
                  + " (not made by provision) writes the same data ("
                  + c.mounts().get(0).source()
                  + "): it is stopped and kept (restart: no) so that only provision's backend "
                  + "writes it"));
    }
    return Optional.empty();
  }

  /** A volume provision did not make is never deleted, even by destroy --delete-data. */
  static Optional<Diagnostic> warning(
      Address a, Resource want, ObservedResource have, boolean deleteData) {
    if (a.kind().equals("volume") && want == null && deleteData) {
      String name = ((dev.provision.model.VolumeResource) have.resource()).name();
      return Optional.of(
          Diagnostic.warning(
                  null,
                  a.toString(),
                  "volume "
                      + name
                      + " was made outside provision and adopted: --delete-data keeps it")
              .withHint(
                  "provision never deletes data it did not create; if you really mean to, "
                      + "delete it yourself after a backup"));
    }
    return Optional.empty();
  }
}
