package dev.provision.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * TEST STAND-IN ONLY: the entry point of the provision-test/convex-backend and
 * provision-test/convex-dashboard images, which stand in for the Convex images in tests on machines
 * without a registry. It is not Convex and runs no functions. {@code backend} (default) serves
 * 3210/3211 from {@code /convex/data}; {@code dashboard} serves 6791. A start failure prints one
 * {@code error:} line and exits 1, as the real backend does; SIGINT/SIGTERM stop it at once. Test
 * switches: {@code STANDIN_REQUIRED_ENV} / {@code STANDIN_ENV_PATTERN_<NAME>} (env vars the app
 * declares, see {@link DeclaredEnvVars}); {@code STANDIN_NO_ENV_API=1} answers 404 on the env var
 * endpoints like an image older than 2025-08-28; {@code STANDIN_DATA_FORMAT} and {@code
 * STANDIN_FAIL_AFTER_MIGRATION} model a data migration (see {@link Documents}).
 */
public final class StandinMain {
  private static final int API_PORT = 3210;
  private static final int SITE_PORT = 3211;
  private static final int DASHBOARD_PORT = 6791;

  private StandinMain() {}

  public static void main(String[] args) {
    // The JDK's HTTP server writes an answer's head and body apart and, by default, with Nagle's
    // algorithm on: on a kept-alive connection the body then waits for the client's delayed ACK,
    // 40 ms on Linux, for every request. The real backend answers without that wait.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    String mode = args.length > 0 ? args[0] : "backend";
    try {
      switch (mode) {
        case "backend" -> runBackend(System.getenv());
        case "dashboard" -> runDashboard(System.getenv());
        default -> throw new StartupFailure("unknown mode " + mode + " (backend or dashboard)");
      }
    } catch (StartupFailure e) {
      System.out.println("error: " + e.getMessage());
      System.exit(1);
    } catch (IOException e) {
      System.out.println("error: cannot listen: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void runBackend(Map<String, String> env) throws StartupFailure, IOException {
    Path dataDir = Path.of(env.getOrDefault("STANDIN_DATA_DIR", "/convex/data"));
    Path credentialsDir = dataDir.resolve("credentials");
    Credentials credentials = Credentials.resolve(env, credentialsDir, Credentials::randomSecret);
    try {
      credentials.write(credentialsDir);
    } catch (IOException e) {
      throw new StartupFailure("cannot write " + credentialsDir + ": " + e.getMessage());
    }
    log("Convex backend TEST STAND-IN (not Convex), instance " + credentials.name());

    Database.Opened db = Database.open(env, credentials, dataDir);
    Store store;
    try {
      store = Store.open(db.connection());
      migrateDocuments(env, db);
    } catch (SQLException e) {
      throw new StartupFailure(
          "database set-up failed on " + db.description() + ": " + e.getMessage());
    }
    log("database: " + db.description());

    String version = env.getOrDefault("STANDIN_VERSION", "standin-1");
    String siteOrigin = env.getOrDefault("CONVEX_SITE_ORIGIN", "http://127.0.0.1:" + SITE_PORT);
    Runnable onLeaseLost =
        () -> {
          log("error: another backend took over the database (lease lost); exiting");
          new Thread(() -> System.exit(1)).start();
        };
    BackendServer server =
        BackendServer.start(
            new InetSocketAddress("0.0.0.0", API_PORT),
            new InetSocketAddress("0.0.0.0", SITE_PORT),
            version,
            credentials.name(),
            new BackendServer.Parts(
                new StandinKeyVerifier(credentials),
                store,
                siteOrigin,
                onLeaseLost,
                DeclaredEnvVars.fromEnv(env),
                env.getOrDefault("STANDIN_NO_ENV_API", "").isEmpty()));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  try {
                    store.close();
                  } catch (SQLException ignored) {
                    // Stopping anyway; the lease row stays until the next backend takes it.
                  }
                  log("stopped");
                }));
    log("listening on " + API_PORT + " (api) and " + SITE_PORT + " (site), version " + version);
  }

  /**
   * Brings the test documents to {@code STANDIN_DATA_FORMAT} (default 1); with {@code
   * STANDIN_FAIL_AFTER_MIGRATION} set, fails right after rewriting, like a broken upgrade.
   */
  private static void migrateDocuments(Map<String, String> env, Database.Opened db)
      throws SQLException, StartupFailure {
    int format = Integer.parseInt(env.getOrDefault("STANDIN_DATA_FORMAT", "1"));
    if (format < 1 || format > Documents.NEWEST_FORMAT) {
      throw new StartupFailure("STANDIN_DATA_FORMAT must be 1 to " + Documents.NEWEST_FORMAT);
    }
    int before = Documents.migrate(db.connection(), format);
    if (before != format) {
      log("migrated stored data format " + before + " to " + format);
    }
    if (!env.getOrDefault("STANDIN_FAIL_AFTER_MIGRATION", "").isEmpty()) {
      throw new StartupFailure("STANDIN_FAIL_AFTER_MIGRATION is set: failing after the migration");
    }
  }

  private static void runDashboard(Map<String, String> env) throws IOException {
    String url = env.getOrDefault("NEXT_PUBLIC_DEPLOYMENT_URL", "");
    DashboardServer server =
        DashboardServer.start(new InetSocketAddress("0.0.0.0", DASHBOARD_PORT), url);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    log("Convex dashboard TEST STAND-IN (not Convex) listening on " + DASHBOARD_PORT);
  }

  private static void log(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
