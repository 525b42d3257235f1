package dev.provision.policy;

import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresImage;

/**
 * Whether a replace changes the password of a Postgres data directory: the official image's {@code
 * POSTGRES_PASSWORD} differs on a container that owns data. Postgres reads that variable only when
 * it initialises an empty directory, so the new value must be set in Postgres itself ({@code ALTER
 * ROLE}) before the new container starts.
 */
final class PostgresPassword {
  /** The official Postgres image's variable for the superuser's first password. */
  static final String ENV = PostgresImage.PASSWORD_ENV;

  /** The official Postgres image's variable for the superuser's name. */
  static final String USER = PostgresImage.USER_ENV;

  private PostgresPassword() {}

  static boolean changes(ContainerResource before, ContainerResource after) {
    Value old = before.env().get(ENV);
    Value now = after.env().get(ENV);
    return before.ownsData()
        && old != null
        && now != null
        && old.text() != null
        && now.text() != null
        && !old.sameAs(now);
  }
}
