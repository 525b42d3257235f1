package dev.provision.standin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * TEST STAND-IN ONLY. The dashboard image's surface: 200 on port 6791 at {@code /}, with {@code
 * NEXT_PUBLIC_DEPLOYMENT_URL} shown in the page so tests can see what the browser would be told.
 * Not a dashboard.
 */
public final class DashboardServer implements AutoCloseable {
  private final HttpServer server;

  private DashboardServer(HttpServer server) {
    this.server = server;
  }

  /** Binds and serves; {@code deploymentUrl} may be empty. */
  public static DashboardServer start(InetSocketAddress address, String deploymentUrl)
      throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    String page =
        "<!doctype html><html><head><title>Convex Dashboard (test stand-in)</title></head><body>"
            + "<p>Convex dashboard TEST STAND-IN.</p>"
            + "<p id=\"deployment-url\">"
            + escape(deploymentUrl)
            + "</p></body></html>";
    server.createContext(
        "/",
        ex -> {
          if (ex.getRequestURI().getPath().equals("/")) {
            Http.send(ex, 200, "text/html; charset=utf-8", page);
          } else {
            Http.text(ex, 404, "Not found");
          }
        });
    server.start();
    return new DashboardServer(server);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
