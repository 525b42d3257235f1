package dev.provision.exec.steps;

import dev.provision.driver.postgres.PostgresAdmin;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates the Postgres database the backend needs (it never creates it itself) unless it exists.
 * Undo drops it only when this step created it. By then it may hold the tables the backend started
 * by this same apply made (the rollback has already removed that backend): they date from this
 * apply, so dropping them is what "as it was" means. A database that existed is never touched.
 */
public final class CreateDatabaseStep extends BaseStep {
  private final Supplier<PostgresAdmin> admin;
  private final String name;

  /**
   * {@code admin} is opened when the step runs (a managed server is started by an earlier step).
   */
  public CreateDatabaseStep(
      String id, List<String> dependsOn, Supplier<PostgresAdmin> admin, String name) {
    super(id, dependsOn);
    this.admin = admin;
    this.name = name;
  }

  @Override
  public String description() {
    return "create database " + name;
  }

  @Override
  public Applied apply(StepContext context) {
    PostgresAdmin db = admin.get();
    if (db.databaseExists(name)) {
      context.progress().accept("database " + name + " already exists");
      return Applied.of(Undo.notNeeded("database " + name + " existed before this apply; kept"));
    }
    db.createDatabase(name);
    return Applied.of(
        Undo.of(
            "drop database " + name + " (created by this apply)",
            c -> admin.get().dropCreatedDatabase(name)));
  }
}
