/**
 * The Postgres side of a deployment: the backend's {@code POSTGRES_URL} and its companion env vars,
 * the engine's own admin connection (JDBC for an external server, {@code docker exec} command lists
 * for the managed container) and the plan-time preflight of an external server.
 *
 * <p>Pure code (URL parsing and building, command lists, output parsing) is separate from the two
 * classes with side effects, {@link dev.provision.driver.postgres.JdbcPostgresAdmin} and {@link
 * dev.provision.driver.postgres.ManagedPostgresAdmin}, which both implement {@link
 * dev.provision.driver.postgres.PostgresAdmin}. No password ever appears in a message, an exception
 * or a {@code toString()}.
 */
package dev.provision.driver.postgres;
