package dev.provision.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * TEST STAND-IN ONLY. HTTP actions as an app using Convex Auth would serve them: on the site port
 * at the root, and on the API port under {@code /http}. When the deployment env var {@code JWKS} is
 * set it answers {@code /.well-known/openid-configuration} (issuer {@code CONVEX_SITE_ORIGIN}) and
 * {@code /.well-known/jwks.json}; everything else is 404. Not a function runtime.
 */
final class SiteApi {
  private final Store store;
  private final String siteOrigin;

  SiteApi(Store store, String siteOrigin) {
    this.store = store;
    this.siteOrigin = siteOrigin.replaceAll("/+$", "");
  }

  void handle(HttpExchange ex, String path) throws IOException {
    Map<String, String> vars;
    try {
      vars = store.envVars();
    } catch (SQLException e) {
      Http.text(ex, 500, "database error");
      return;
    }
    String jwks = vars.get("JWKS");
    if (jwks != null && path.equals("/.well-known/openid-configuration")) {
      Http.json(
          ex,
          200,
          Map.of(
              "issuer", siteOrigin,
              "jwks_uri", siteOrigin + "/.well-known/jwks.json",
              "authorization_endpoint", siteOrigin + "/oauth/authorize"));
    } else if (jwks != null && path.equals("/.well-known/jwks.json")) {
      Http.send(ex, 200, "application/json", jwks);
    } else {
      Http.text(ex, 404, "No matching routes found");
    }
  }
}
