package dev.provision.policy;

import static dev.provision.policy.ConvexConsequences.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.Names;
import dev.provision.model.Address;
import dev.provision.model.Value;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Consequence;
import dev.provision.plan.Grade;
import dev.provision.plan.Risk;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every risk rule of the Convex policy as one table: a change (address, action, the attributes it
 * touches) and what the policy says about it: the grade, every consequence highest first, whether a
 * replace migrates data and whether it has no undo. A change that hits several rules lists each
 * consequence and is graded by the highest.
 */
class ConvexRiskRulesTest {
  private static final ConvexPolicy POLICY = ConvexPolicy.instance();
  private static final Address ENV_FOO = Address.of(Address.Kind.ENV, "FOO");
  private static final Address WRITER = Address.of(Address.Kind.WRITER, "old-backend");

  /** One row: the change, then the expected grade, consequences, migrates-data and no-undo. */
  record Row(
      String name,
      Address address,
      Action action,
      List<AttributeChange> diff,
      Risk risk,
      List<Consequence> consequences,
      boolean migratesData,
      boolean noUndo) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rules() {
    return Stream.of(
        row("create anything", Names.BACKEND, Action.CREATE, List.of(added("image")), Risk.SAFE),
        row("no-op", Names.BACKEND, Action.NO_OP, List.of(), Risk.SAFE),
        row("adopt a volume", Names.DATA_VOLUME, Action.ADOPT, List.of(), Risk.SAFE),
        row(
            "delete the backend",
            Names.BACKEND,
            Action.DELETE,
            List.of(),
            Risk.DOWNTIME,
            BACKEND_STOPS),
        row(
            "delete the dashboard",
            Names.DASHBOARD,
            Action.DELETE,
            List.of(),
            Risk.DOWNTIME,
            Consequence.of(Risk.DOWNTIME, "dashboard stops")),
        row(
            "delete a volume",
            Names.DATA_VOLUME,
            Action.DELETE,
            List.of(),
            Risk.DATA_LOSS,
            VOLUME_DELETED),
        row(
            "delete the database",
            Names.DATABASE,
            Action.DELETE,
            List.of(),
            Risk.DATA_LOSS,
            DATABASE_DELETED),
        row(
            "delete an env var",
            ENV_FOO,
            Action.DELETE,
            List.of(),
            Risk.SAFE,
            Consequence.of(Risk.SAFE, "functions no longer see FOO")),
        row("delete the network", Names.NETWORK, Action.DELETE, List.of(), Risk.SAFE),
        row("stop a foreign writer", WRITER, Action.UPDATE, List.of(), Risk.DOWNTIME, WRITER_STOPS),
        row(
            "backend knob",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("env.RUST_LOG")),
            Risk.RESTART,
            BACKEND_RESTARTS),
        row(
            "Postgres env",
            Names.POSTGRES_CONTAINER,
            Action.REPLACE,
            List.of(changed("env.POSTGRES_USER")),
            Risk.RESTART,
            POSTGRES_RESTARTS),
        row(
            "dashboard image",
            Names.DASHBOARD,
            Action.REPLACE,
            List.of(changed("image")),
            Risk.RESTART,
            Consequence.of(Risk.RESTART, "dashboard restarts")),
        row(
            "port change",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("ports.3210/tcp")),
            Risk.DOWNTIME,
            PORTS,
            BACKEND_RESTARTS),
        row(
            "dashboard port change",
            Names.DASHBOARD,
            Action.REPLACE,
            List.of(changed("ports.6791/tcp")),
            Risk.DOWNTIME,
            PORTS,
            Consequence.of(Risk.RESTART, "dashboard restarts")),
        row(
            "managed Postgres password",
            Names.POSTGRES_CONTAINER,
            Action.REPLACE,
            List.of(changed("env.POSTGRES_PASSWORD")),
            Risk.DOWNTIME,
            POSTGRES_PASSWORD_SET,
            POSTGRES_RESTARTS),
        row(
            "Postgres image",
            Names.POSTGRES_CONTAINER,
            Action.REPLACE,
            List.of(changed("image")),
            Risk.IRREVERSIBLE,
            POSTGRES_MAJOR,
            POSTGRES_RESTARTS),
        postgres("Postgres 16 to 17", "postgres:16", "postgres:17", POSTGRES_MAJOR),
        postgres("Postgres 17.1 to 17.2-alpine", "postgres:17.1", "postgres:17.2-alpine"),
        postgres("Postgres 17 to latest", "postgres:17", "postgres:latest", POSTGRES_MAJOR),
        postgres("Postgres 17 to a digest", "postgres:17", "postgres@sha256:ab", POSTGRES_MAJOR),
        postgres(
            "Postgres from another registry", "postgres:17", "r.io:5000/pg:17", POSTGRES_MAJOR),
        new Row(
            "backend image upgrade",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("image")),
            Risk.IRREVERSIBLE,
            List.of(IMAGE_UPGRADE, BACKEND_RESTARTS),
            true,
            true),
        row(
            "another data volume",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("mounts./convex/data")),
            Risk.DATA_LOSS,
            OTHER_DATA_VOLUME,
            BACKEND_RESTARTS),
        row(
            "new Postgres credentials",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("env.POSTGRES_URL")),
            Risk.DOWNTIME,
            NEW_POSTGRES_CREDENTIALS,
            BACKEND_RESTARTS),
        row(
            "SQLite to Postgres",
            Names.BACKEND,
            Action.REPLACE,
            List.of(added("env.POSTGRES_URL")),
            Risk.DATA_LOSS,
            SQLITE_POSTGRES,
            BACKEND_RESTARTS),
        row(
            "Postgres to SQLite",
            Names.BACKEND,
            Action.REPLACE,
            List.of(removed("env.POSTGRES_URL")),
            Risk.DATA_LOSS,
            SQLITE_POSTGRES,
            BACKEND_RESTARTS),
        row(
            "local to S3",
            Names.BACKEND,
            Action.REPLACE,
            List.of(added("env.AWS_REGION")),
            Risk.DATA_LOSS,
            LOCAL_S3,
            BACKEND_RESTARTS),
        row(
            "S3 to local",
            Names.BACKEND,
            Action.REPLACE,
            List.of(removed("env.AWS_REGION")),
            Risk.DATA_LOSS,
            LOCAL_S3,
            BACKEND_RESTARTS),
        row(
            "another S3 region",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("env.AWS_REGION")),
            Risk.RESTART,
            BACKEND_RESTARTS),
        row(
            "instance name",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("env.INSTANCE_NAME")),
            Risk.DATA_LOSS,
            INSTANCE_NAME,
            BACKEND_RESTARTS),
        new Row(
            "instance secret in the backend",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("env.INSTANCE_SECRET")),
            Risk.IRREVERSIBLE,
            List.of(INSTANCE_SECRET, BACKEND_RESTARTS),
            false,
            true),
        row(
            "instance secret",
            Names.INSTANCE_SECRET,
            Action.UPDATE,
            List.of(),
            Risk.IRREVERSIBLE,
            INSTANCE_SECRET),
        row(
            "Postgres password secret",
            Names.POSTGRES_PASSWORD,
            Action.UPDATE,
            List.of(),
            Risk.DOWNTIME,
            POSTGRES_PASSWORD_SECRET),
        row("JWT key secret", Names.JWT_KEY, Action.UPDATE, List.of(), Risk.DOWNTIME, JWT_KEYS),
        row(
            "JWT_PRIVATE_KEY env",
            Address.of(Address.Kind.ENV, "JWT_PRIVATE_KEY"),
            Action.UPDATE,
            List.of(changed("value")),
            Risk.DOWNTIME,
            JWT_KEYS),
        row(
            "JWKS env",
            Address.of(Address.Kind.ENV, "JWKS"),
            Action.UPDATE,
            List.of(changed("value")),
            Risk.DOWNTIME,
            JWT_KEYS),
        row(
            "an env var",
            ENV_FOO,
            Action.UPDATE,
            List.of(changed("value")),
            Risk.SAFE,
            Consequence.of(Risk.SAFE, "functions see the new value at once")),
        row(
            "another database",
            Names.DATABASE,
            Action.REPLACE,
            List.of(changed("name")),
            Risk.DATA_LOSS,
            OTHER_DATABASE),
        row(
            "another volume",
            Names.DATA_VOLUME,
            Action.REPLACE,
            List.of(changed("name")),
            Risk.DATA_LOSS,
            NEW_VOLUME),
        row(
            "another network",
            Names.NETWORK,
            Action.REPLACE,
            List.of(changed("name")),
            Risk.RESTART,
            NEW_NETWORK),
        new Row(
            "image upgrade and SQLite to Postgres",
            Names.BACKEND,
            Action.REPLACE,
            List.of(changed("image"), added("env.POSTGRES_URL")),
            Risk.IRREVERSIBLE,
            List.of(IMAGE_UPGRADE, SQLITE_POSTGRES, BACKEND_RESTARTS),
            true,
            true),
        new Row(
            "image, port, secret and storage at once",
            Names.BACKEND,
            Action.REPLACE,
            List.of(
                changed("image"),
                changed("ports.3210/tcp"),
                changed("env.INSTANCE_SECRET"),
                added("env.AWS_REGION")),
            Risk.IRREVERSIBLE,
            List.of(IMAGE_UPGRADE, INSTANCE_SECRET, LOCAL_S3, PORTS, BACKEND_RESTARTS),
            true,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleGradesAndListsEveryConsequence(Row row) {
    Grade grade = POLICY.grade(row.address(), row.action(), row.diff());
    assertThat(grade.risk()).as("grade").isEqualTo(row.risk());
    assertThat(grade.consequences())
        .as("consequences")
        .containsExactlyElementsOf(row.consequences());
    if (row.action() == Action.REPLACE) { // asked only of replaces
      assertThat(POLICY.migratesData(row.address(), row.diff()))
          .as("migrates data")
          .isEqualTo(row.migratesData());
    }
    assertThat(POLICY.replaceHasNoUndo(row.address(), grade)).as("no undo").isEqualTo(row.noUndo());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void everyRiskyConsequenceSaysWhatToDoOrIsSelfExplanatory(Row row) {
    Grade grade = POLICY.grade(row.address(), row.action(), row.diff());
    for (Consequence c : grade.consequences()) {
      assertThat(c.what()).isNotBlank().doesNotEndWith(".");
      if (c.risk() == Risk.DATA_LOSS && row.action() != Action.DELETE) {
        assertThat(c.hint()).as("what to do about %s", c.what()).contains("npx convex export");
      }
    }
  }

  private static Row row(
      String name,
      Address address,
      Action action,
      List<AttributeChange> diff,
      Risk risk,
      Consequence... consequences) {
    return new Row(name, address, action, diff, risk, List.of(consequences), false, false);
  }

  /** A Postgres image change: always a restart, plus {@code major} when it may be another one. */
  private static Row postgres(String name, String before, String after, Consequence... major) {
    List<Consequence> each = new java.util.ArrayList<>(List.of(major));
    each.add(POSTGRES_RESTARTS);
    return new Row(
        name,
        Names.POSTGRES_CONTAINER,
        Action.REPLACE,
        List.of(new AttributeChange("image", Value.plain(before), Value.plain(after))),
        major.length > 0 ? Risk.IRREVERSIBLE : Risk.RESTART,
        each,
        false,
        false);
  }

  private static AttributeChange changed(String path) {
    return new AttributeChange(path, Value.plain("a"), Value.plain("b"));
  }

  private static AttributeChange added(String path) {
    return new AttributeChange(path, null, Value.plain("b"));
  }

  private static AttributeChange removed(String path) {
    return new AttributeChange(path, Value.plain("a"), null);
  }
}
