package dev.provision.exec.steps;

import dev.provision.driver.postgres.PostgresAdmin;
import dev.provision.exec.Applied;
import dev.provision.exec.CommitHook;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;
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
  public Applied apply(StepContext context) {
    Undo undo = Undo.notNeeded("database " + name + " is dropped only when the apply commits");
    if (managed) {
      return Applied.of(undo);
    }
    context.progress().accept("database " + name + " is dropped once every other step succeeded");
    return Applied.of(undo, dropAtCommit());
  }

  /** Dropping cannot be undone, so it waits until everything else succeeded. */
  private CommitHook dropAtCommit() {
    return new CommitHook() {
      @Override
      public String id() {
        return "drop database " + name;
      }

      @Override
      public void commit(StepContext context) {
        admin.get().dropDatabaseIfEmpty(name);
      }
    };
  }
}
