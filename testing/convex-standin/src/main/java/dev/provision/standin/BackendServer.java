package dev.provision.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * TEST STAND-IN ONLY. The backend's two listeners: the API port (3210: {@code /version}, {@code
 * /instance_name}, {@code /}, the admin API, HTTP actions under {@code /http/}) and the site port
 * (3211: HTTP actions at the root). Routing only; answers come from {@link AdminApi} and {@link
 * SiteApi}.
 */
public final class BackendServer implements AutoCloseable {
  private final HttpServer api;
  private final HttpServer site;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final boolean envApi;

  private BackendServer(HttpServer api, HttpServer site, boolean envApi) {
    this.api = api;
    this.site = site;
    this.envApi = envApi;
  }

  /** Binds both listeners (port 0 picks a free port) and starts serving. */
  public static BackendServer start(
      InetSocketAddress apiAddress,
      InetSocketAddress siteAddress,
      String version,
      String instanceName,
      Parts parts)
      throws IOException {
    BackendServer server =
        new BackendServer(
            HttpServer.create(apiAddress, 64), HttpServer.create(siteAddress, 64), parts.envApi());
    AdminApi admin =
        new AdminApi(parts.keys(), parts.store(), parts.onLeaseLost(), parts.declared());
    SiteApi siteApi = new SiteApi(parts.store(), parts.siteOrigin());
    FunctionsApi functions = new FunctionsApi(admin, parts.store());
    server.api.createContext(
        "/", ex -> server.routeApi(ex, version, instanceName, admin, siteApi, functions));
    DocumentApi documents = new DocumentApi(admin, new Documents(parts.store()));
    server.api.createContext(DocumentApi.PATH, ex -> documents.handle(ex, ex.getRequestMethod()));
    server.site.createContext("/", ex -> siteApi.handle(ex, ex.getRequestURI().getPath()));
    server.api.setExecutor(server.executor);
    server.site.setExecutor(server.executor);
    server.api.start();
    server.site.start();
    return server;
  }

  /**
   * What the handlers need besides routing.
   *
   * @param keys checks admin keys
   * @param store persistent state
   * @param siteOrigin the public HTTP-actions URL ({@code CONVEX_SITE_ORIGIN})
   * @param onLeaseLost called once another backend took the database
   * @param declared the env vars the (pretend) deployed app declares
   * @param envApi false to answer 404 on the env var endpoints, like images built before 2025-08-28
   *     (list) and 2025-08-19 (update)
   */
  public record Parts(
      KeyVerifier keys,
      Store store,
      String siteOrigin,
      Runnable onLeaseLost,
      DeclaredEnvVars declared,
      boolean envApi) {
    /** Parts for a current image and an app that declares no env vars. */
    public Parts(KeyVerifier keys, Store store, String siteOrigin, Runnable onLeaseLost) {
      this(keys, store, siteOrigin, onLeaseLost, DeclaredEnvVars.none(), true);
    }
  }

  /** The bound API port. */
  public int apiPort() {
    return api.getAddress().getPort();
  }

  /** The bound site port. */
  public int sitePort() {
    return site.getAddress().getPort();
  }

  private void routeApi(
      HttpExchange ex,
      String version,
      String name,
      AdminApi admin,
      SiteApi siteApi,
      FunctionsApi functions)
      throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    if (path.equals("/http") || path.startsWith("/http/")) {
      siteApi.handle(ex, path.substring("/http".length()));
      return;
    }
    if (SyncUpgrade.handle(ex, path)) {
      return;
    }
    switch (method + " " + path) {
      case "GET /version", "HEAD /version" -> Http.text(ex, 200, version);
      case "GET /instance_name" -> Http.text(ex, 200, name);
      case "GET /", "HEAD /" ->
          Http.text(ex, 200, "This Convex deployment is running. See https://docs.convex.dev/.");
      default -> {
        if (!envApi && path.startsWith("/api/v1/") && path.endsWith("_environment_variables")) {
          Http.text(ex, 404, "Not found");
        } else if (!admin.handle(ex, method, path) && !functions.handle(ex, method, path)) {
          Http.text(ex, 404, "Not found");
        }
      }
    }
  }

  /** Stops both listeners at once, without waiting for open exchanges. */
  @Override
  public void close() {
    api.stop(0);
    site.stop(0);
    executor.shutdownNow();
  }
}
