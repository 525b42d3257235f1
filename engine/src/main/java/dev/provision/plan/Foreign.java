package dev.provision.plan;

import dev.provision.diag.Diagnostic;
import dev.provision.live.ObservedResource;
import dev.provision.live.Ownership;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Resource;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.util.List;
import java.util.Optional;

/**
 * What the planner does with objects provision did not make. A volume the spec names that exists
 * without provision's labels (as docker compose makes it) is adopted, never recreated; it is
 * deleted only by {@code destroy --delete-data} and only when a person confirmed it by its name
 * ({@link Planner.Request#deleteAdopted()}), else it is kept with a warning. A container of someone
 * else that mounts that data ({@code writer.NAME}, such as the backend docker compose started) is
 * another writer: it is stopped and kept from coming back at reboot before provision's backend
 * starts on the same data. Pure.
 */
final class Foreign {
  private Foreign() {}

  static Optional<Change> plan(
      Address a,
      Resource want,
      ObservedResource have,
      Planner.Request request,
      StepActions.Facts facts) {
    if (confirmedDeletion(a, want, have, request)) {
      return Optional.of(
          Planner.change(
              request.policy(),
              a,
              Action.DELETE,
              AttributeDiff.all(have.resource().attributes(), false),
              "volume "
                  + volumeName(have)
                  + " was made outside provision and adopted: --delete-data was given and its "
                  + "deletion was confirmed by its name",
              facts));
    }
    if (a.kind() == Address.Kind.VOLUME && want != null && have.ownership() == Ownership.FOREIGN) {
      return Optional.of(
          Planner.change(
              request.policy(),
              a,
              Action.ADOPT,
              List.of(),
              "volume "
                  + ((VolumeResource) want).name()
                  + " exists without provision's labels (made by docker compose or by hand): "
                  + "its data is used as it is, never recreated or deleted",
              facts));
    }
    if (a.kind() == Address.Kind.WRITER && have.resource() instanceof ContainerResource c) {
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
              request.policy(),
              a,
              Action.UPDATE,
              diff,
              "container "
                  + c.name()
                  + " (not made by provision) writes the same data ("
                  + c.mounts().get(0).source()
                  + "): it is stopped and kept (restart: no) so that only provision's backend "
                  + "writes it",
              facts));
    }
    return Optional.empty();
  }

  /**
   * An adopted volume a destroy --delete-data keeps because nobody confirmed its name: the warning
   * names it and says how to confirm.
   */
  static Optional<Diagnostic> warning(
      Address a, Resource want, ObservedResource have, Planner.Request request) {
    if (a.kind() == Address.Kind.VOLUME
        && want == null
        && request.deleteData()
        && !confirmedDeletion(a, want, have, request)) {
      String name = volumeName(have);
      return Optional.of(
          Diagnostic.warning(
                  null,
                  a.toString(),
                  "volume "
                      + name
                      + " was made outside provision and adopted: --delete-data keeps it unless"
                      + " its deletion is confirmed by its name")
              .withHint(
                  "type its name ("
                      + name
                      + ") when destroy asks on a terminal, or pass --delete-adopted-volumes"
                      + " where no terminal is available; back up its data first"));
    }
    return Optional.empty();
  }

  private static boolean confirmedDeletion(
      Address a, Resource want, ObservedResource have, Planner.Request request) {
    return a.kind() == Address.Kind.VOLUME
        && want == null
        && request.deleteData()
        && request.deleteAdopted().contains(volumeName(have));
  }

  private static String volumeName(ObservedResource have) {
    return ((VolumeResource) have.resource()).name();
  }
}
