package dev.provision.plan;

import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.SecretKind;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one planned step does, as data carrying everything the executor needs: the planner builds it
 * from desired and observed state, the executor binds it to a step class through a {@link Visitor}
 * (one method per kind, so a new kind fails to compile until it is bound). Secret values stay
 * {@link Value}s, whose text is never shown ({@code toString} masks them).
 */
public sealed interface StepAction {

  /** The verb a plan shows for this step (spelled in {@link Verbs}); JSON plans record it. */
  String verb();

  <R> R accept(Visitor<R> visitor);

  /** One method per kind of step: implementing it binds every kind. */
  interface Visitor<R> {
    R createNetwork(CreateNetwork a);

    R removeNetwork(RemoveNetwork a);

    R createVolume(CreateVolume a);

    R removeVolume(RemoveVolume a);

    R adoptVolume(AdoptVolume a);

    R storeSecret(StoreSecret a);

    R ensureImage(EnsureImage a);

    R startContainer(StartContainer a);

    R replaceContainer(ReplaceContainer a);

    R setPostgresPassword(SetPostgresPassword a);

    R removeContainer(RemoveContainer a);

    R createDatabase(CreateDatabase a);

    R dropDatabase(DropDatabase a);

    R setEnv(SetEnv a);

    R unsetEnv(UnsetEnv a);

    R writeEnvFile(WriteEnvFile a);

    R stopWriter(StopWriter a);

    R recoverContainer(RecoverContainer a);

    R recorded(Recorded a);
  }

  record CreateNetwork(NetworkResource network) implements StepAction {
    public String verb() {
      return Verbs.CREATE_NETWORK;
    }

    public <R> R accept(Visitor<R> v) {
      return v.createNetwork(this);
    }
  }

  record RemoveNetwork(String name) implements StepAction {
    public String verb() {
      return Verbs.REMOVE_NETWORK;
    }

    public <R> R accept(Visitor<R> v) {
      return v.removeNetwork(this);
    }
  }

  record CreateVolume(VolumeResource volume) implements StepAction {
    public String verb() {
      return Verbs.CREATE_VOLUME;
    }

    public <R> R accept(Visitor<R> v) {
      return v.createVolume(this);
    }
  }

  record RemoveVolume(String name) implements StepAction {
    public String verb() {
      return Verbs.REMOVE_VOLUME;
    }

    public <R> R accept(Visitor<R> v) {
      return v.removeVolume(this);
    }
  }

  /** Checks that a volume made outside provision still exists; its data is used as it is. */
  record AdoptVolume(String name) implements StepAction {
    public String verb() {
      return Verbs.ADOPT_VOLUME;
    }

    public <R> R accept(Visitor<R> v) {
      return v.adoptVolume(this);
    }
  }

  /**
   * @param generatedNow apply generated the value now: nothing outside this apply knows it yet
   */
  record StoreSecret(SecretKind kind, Value value, boolean generatedNow) implements StepAction {
    public String verb() {
      return Verbs.STORE_SECRET;
    }

    public <R> R accept(Visitor<R> v) {
      return v.storeSecret(this);
    }
  }

  record EnsureImage(String image) implements StepAction {
    public String verb() {
      return Verbs.ENSURE_IMAGE;
    }

    public <R> R accept(Visitor<R> v) {
      return v.ensureImage(this);
    }
  }

  /**
   * @param configHash the label value that records the applied configuration; empty when the plan
   *     was made without the hash key (a plan that is only shown, never applied)
   * @param adoptedVolumes volumes made outside provision it mounts (recorded in a label so a
   *     destroy finds them), sorted
   */
  record StartContainer(
      ContainerResource container, Optional<String> configHash, List<String> adoptedVolumes)
      implements StepAction {
    public StartContainer {
      adoptedVolumes = List.copyOf(adoptedVolumes);
    }

    public String verb() {
      return Verbs.START_CONTAINER;
    }

    public <R> R accept(Visitor<R> v) {
      return v.startContainer(this);
    }
  }

  /**
   * {@code before} as observed (after recovery), {@code after} as desired; {@code configHash} as
   * for {@link StartContainer}.
   */
  record ReplaceContainer(
      ContainerResource before,
      ContainerResource after,
      Optional<String> configHash,
      Reversibility reversibility)
      implements StepAction {
    public ReplaceContainer {
      Objects.requireNonNull(reversibility, "reversibility");
    }

    public String verb() {
      return Verbs.REPLACE_CONTAINER;
    }

    public <R> R accept(Visitor<R> v) {
      return v.replaceContainer(this);
    }
  }

  /** Sets {@code password} for {@code user} in the running {@code container}'s data directory. */
  record SetPostgresPassword(String container, String user, Value password, Value previous)
      implements StepAction {
    public String verb() {
      return Verbs.SET_POSTGRES_PASSWORD;
    }

    public <R> R accept(Visitor<R> v) {
      return v.setPostgresPassword(this);
    }
  }

  record RemoveContainer(String name, int stopTimeoutSeconds) implements StepAction {
    public String verb() {
      return Verbs.REMOVE_CONTAINER;
    }

    public <R> R accept(Visitor<R> v) {
      return v.removeContainer(this);
    }
  }

  record CreateDatabase(String name) implements StepAction {
    public String verb() {
      return Verbs.CREATE_DATABASE;
    }

    public <R> R accept(Visitor<R> v) {
      return v.createDatabase(this);
    }
  }

  /** {@code managed}: on the engine's own Postgres container (whose volume holds it). */
  record DropDatabase(String name, boolean managed) implements StepAction {
    public String verb() {
      return Verbs.DROP_DATABASE;
    }

    public <R> R accept(Visitor<R> v) {
      return v.dropDatabase(this);
    }
  }

  /** Sets a deployment env var; {@code previous} is its value as observed, if it had one. */
  record SetEnv(String name, Value value, Optional<Value> previous) implements StepAction {
    public String verb() {
      return Verbs.SET_ENV;
    }

    public <R> R accept(Visitor<R> v) {
      return v.setEnv(this);
    }
  }

  record UnsetEnv(String name, Optional<Value> previous) implements StepAction {
    public String verb() {
      return Verbs.UNSET_ENV;
    }

    public <R> R accept(Visitor<R> v) {
      return v.unsetEnv(this);
    }
  }

  /**
   * Writes the CLI's env file: the backend's {@code url} and an admin key the executor derives from
   * {@code instanceSecret} when the step runs (a key is never part of a plan).
   */
  record WriteEnvFile(Path path, java.util.SortedMap<String, Value> entries, Value instanceSecret)
      implements StepAction {
    public String verb() {
      return Verbs.WRITE_FILE;
    }

    public <R> R accept(Visitor<R> v) {
      return v.writeEnvFile(this);
    }
  }

  /** Stops a container made outside provision that writes the same data, and keeps it stopped. */
  record StopWriter(String name, String restartPolicy, boolean running) implements StepAction {
    public String verb() {
      return Verbs.STOP_WRITER;
    }

    public <R> R accept(Visitor<R> v) {
      return v.stopWriter(this);
    }
  }

  /**
   * Resolves a replace an interrupted apply left half-done, as the plan's {@link RecoveryAction}
   * for {@code address} says.
   *
   * @param ready the container that ends up holding the name, with the readiness check to wait for
   *     once it starts; empty when none does
   */
  record RecoverContainer(
      Address address, RecoveryAction.Direction direction, Optional<ContainerResource> ready)
      implements StepAction {
    public String verb() {
      return direction == RecoveryAction.Direction.FINISH
          ? Verbs.FINISH_REPLACE
          : Verbs.RECOVER_CONTAINER;
    }

    public <R> R accept(Visitor<R> v) {
      return v.recoverContainer(this);
    }
  }

  /** A step of a plan read back from a file: only its verb is known; it is shown, never run. */
  record Recorded(String verb) implements StepAction {
    public <R> R accept(Visitor<R> v) {
      return v.recorded(this);
    }
  }
}
