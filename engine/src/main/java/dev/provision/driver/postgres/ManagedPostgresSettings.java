package dev.provision.driver.postgres;

import dev.provision.model.Value;
import dev.provision.postgres.PostgresImage;
import dev.provision.postgres.PostgresUrls;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the engine's own Postgres container needs, for whoever builds its container resource: the
 * environment of the official postgres image and the data directory to mount the volume on. Not the
 * container itself (that is a plain {@code ContainerResource}) and not the backend's side ({@link
 * PostgresUrls#managed}).
 *
 * <p>{@code PGDATA} is set explicitly so the volume path stays the same across image versions
 * (newer official images moved their default).
 */
public final class ManagedPostgresSettings {
  /** Where the data volume is mounted and {@code PGDATA} points. */
  public static final String DATA_PATH = PostgresImage.DATA_PATH;

  private ManagedPostgresSettings() {}

  /**
   * {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} (sensitive) and {@code PGDATA}. The password
   * is only read on the first start, when the volume is empty: changing it later needs {@code ALTER
   * ROLE} as well.
   */
  public static SortedMap<String, Value> containerEnv(String user, Value password) {
    SortedMap<String, Value> env = new TreeMap<>();
    env.put(PostgresImage.USER_ENV, Value.plain(user));
    env.put(PostgresImage.PASSWORD_ENV, password.asSensitive());
    env.put("PGDATA", Value.plain(DATA_PATH));
    return Collections.unmodifiableSortedMap(env);
  }
}
