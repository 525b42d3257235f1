package dev.provision.exec.steps;

import dev.provision.driver.postgres.PostgresAdmin;
import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Drops the deployment's database on destroy --delete-data, only when it holds no tables; a
 * database with data is refused with what to do instead (the engine never drops data on an external
 * server by itself). A managed server's database goes with its volume instead.
 */
public final class DropDatabaseStep extends BaseStep {
  private final Supplier<PostgresAdmin> admin;
  private final String name;
  private final boolean managed;

  public DropDatabaseStep(
      String id,
      List<String> dependsOn,
      Supplier<PostgresAdmin> admin,
      String name,
      boolean managed) {
    super(id, dependsOn);
    this.admin = admin;
    this.name = name;
    this.managed = managed;
  }

  @Override
  public String description() {
    return managed
        ? "database " + name + " goes with the Postgres volume"
        : "drop database " + name;
  }

  @Override
  public void apply(StepContext context) {
    if (!managed) {
      context.progress().accept("database " + name + " is dropped once every other step succeeded");
    }
  }

  @Override
  public Undo undo() {
    return Undo.notNeeded("database " + name + " is dropped only when the apply commits");
  }

  /** Dropping cannot be undone, so it waits until everything else succeeded. */
  @Override
  public Optional<CommitHook> onCommit() {
    if (managed) {
      return Optional.empty();
    }
    return Optional.of(
        new CommitHook() {
          @Override
          public String id() {
            return "drop database " + name;
          }

          @Override
          public void commit(StepContext context) {
            admin.get().dropDatabaseIfEmpty(name);
          }
        });
  }
}
