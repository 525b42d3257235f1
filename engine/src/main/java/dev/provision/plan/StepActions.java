package dev.provision.plan;

import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.DatabaseResource;
import dev.provision.model.DesiredState;
import dev.provision.model.FileResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Resource;
import dev.provision.model.SecretKind;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.util.Optional;

/**
 * Builds each step's {@link StepAction} from what one change starts from and ends with, so the
 * executor needs nothing but the plan. Pure.
 */
final class StepActions {
  private static final String DATABASE_ON_MANAGED_SERVER = "managed";

  private StepActions() {}

  /**
   * What the steps of one change are built from.
   *
   * @param want the desired resource, null when the change deletes
   * @param have as observed after the recovery of an interrupted apply, null when the change
   *     creates
   * @param found as observed before the recovery (which volumes were adopted)
   */
  record Facts(
      Address address,
      Resource want,
      ObservedResource have,
      DesiredState desired,
      ObservedState found,
      Planner.Request request) {}

  static StepAction createNetwork(Facts f) {
    return new StepAction.CreateNetwork(want(f, NetworkResource.class));
  }

  static StepAction removeNetwork(Facts f) {
    return new StepAction.RemoveNetwork(have(f, NetworkResource.class).name());
  }

  static StepAction createVolume(Facts f) {
    return new StepAction.CreateVolume(want(f, VolumeResource.class));
  }

  static StepAction removeVolume(Facts f) {
    return new StepAction.RemoveVolume(have(f, VolumeResource.class).name());
  }

  static StepAction adoptVolume(Facts f) {
    return new StepAction.AdoptVolume(want(f, VolumeResource.class).name());
  }

  static StepAction storeSecret(Facts f) {
    SecretKind kind =
        SecretKind.at(f.address())
            .orElseThrow(() -> new IllegalStateException("unknown secret " + f.address()));
    return new StepAction.StoreSecret(
        kind, value(f.want()), f.request().generated().contains(kind));
  }

  static StepAction ensureImage(Facts f) {
    return new StepAction.EnsureImage(want(f, ContainerResource.class).image());
  }

  static StepAction startContainer(Facts f) {
    ContainerResource c = want(f, ContainerResource.class);
    return new StepAction.StartContainer(c, hash(f, c), AdoptedVolumes.of(c, f.found()));
  }

  static StepAction replaceContainer(Facts f, Reversibility reversibility) {
    ContainerResource after = want(f, ContainerResource.class);
    return new StepAction.ReplaceContainer(
        have(f, ContainerResource.class), after, hash(f, after), reversibility);
  }

  static StepAction setPostgresPassword(Facts f) {
    ContainerResource before = have(f, ContainerResource.class);
    ContainerResource after = want(f, ContainerResource.class);
    return f.request().policy().dataPasswordChange(before, after);
  }

  static StepAction removeContainer(Facts f) {
    ContainerResource c = have(f, ContainerResource.class);
    return new StepAction.RemoveContainer(c.name(), c.stopTimeoutSeconds());
  }

  static StepAction createDatabase(Facts f) {
    return new StepAction.CreateDatabase(want(f, DatabaseResource.class).name());
  }

  static StepAction dropDatabase(Facts f) {
    DatabaseResource d = have(f, DatabaseResource.class);
    return new StepAction.DropDatabase(d.name(), DATABASE_ON_MANAGED_SERVER.equals(d.server()));
  }

  static StepAction setEnv(Facts f) {
    return new StepAction.SetEnv(f.address().name(), value(f.want()), previous(f));
  }

  static StepAction unsetEnv(Facts f) {
    return new StepAction.UnsetEnv(f.address().name(), previous(f));
  }

  static StepAction writeEnvFile(Facts f) {
    FileResource file = want(f, FileResource.class);
    Resource secret = f.desired().resources().get(SecretKind.INSTANCE_SECRET.address());
    return new StepAction.WriteEnvFile(file.path(), file.entries(), value(secret));
  }

  static StepAction stopWriter(Facts f) {
    ContainerResource c = have(f, ContainerResource.class);
    boolean running = f.have().status() != null && f.have().status().running();
    return new StepAction.StopWriter(c.name(), c.restartPolicy(), running);
  }

  private static Optional<String> hash(Facts f, ContainerResource c) {
    return f.request().hashes().hasKey()
        ? Optional.of(f.request().hashes().of(c))
        : Optional.empty();
  }

  private static Optional<Value> previous(Facts f) {
    return f.have() == null ? Optional.empty() : Optional.of(value(f.have().resource()));
  }

  private static Value value(Resource r) {
    return r.attributes().get("value");
  }

  private static <T extends Resource> T want(Facts f, Class<T> type) {
    return typed(f.want(), type, "desired");
  }

  private static <T extends Resource> T have(Facts f, Class<T> type) {
    return typed(f.have() == null ? null : f.have().resource(), type, "observed");
  }

  private static <T extends Resource> T typed(Resource r, Class<T> type, String side) {
    if (!type.isInstance(r)) {
      throw new IllegalStateException(
          "no " + side + " " + type.getSimpleName() + " for this step: " + r);
    }
    return type.cast(r);
  }
}
