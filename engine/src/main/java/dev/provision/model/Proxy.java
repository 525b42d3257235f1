package dev.provision.model;

/**
 * The HTTPS reverse proxy in front of the deployment ({@code proxy:}): one container on the
 * deployment network that answers on up to three public names, gets their certificates itself and
 * forwards to the backend and the dashboard. Off by default ({@link #NONE}).
 *
 * @param image the proxy image (Caddy), pinned by tag
 * @param bind host address its ports are published on (default 0.0.0.0: it is the public entry)
 * @param httpPort host port for container port 80 (ACME HTTP-01 and the redirect to https)
 * @param httpsPort host port for container port 443
 * @param apiName the API's name: {@code CONVEX_CLOUD_ORIGIN} is {@code https://apiName}
 * @param siteName the HTTP actions' name, or null: then they are served at {@code <api>/http}
 * @param dashboardName the dashboard's name, or null for no dashboard behind the proxy
 * @param tls where certificates come from
 * @param volume the volume keeping certificates and ACME accounts across replaces
 */
public record Proxy(
    boolean enabled,
    String image,
    String bind,
    int httpPort,
    int httpsPort,
    String apiName,
    String siteName,
    String dashboardName,
    ProxyTls tls,
    String volume) {

  /** No proxy: the deployment plans exactly as without the section. */
  public static final Proxy NONE =
      new Proxy(false, null, null, 0, 0, null, null, null, ProxyTls.NONE, null);

  /** This proxy published on {@code address} instead. */
  public Proxy withBind(String address) {
    return new Proxy(
        enabled,
        image,
        address,
        httpPort,
        httpsPort,
        apiName,
        siteName,
        dashboardName,
        tls,
        volume);
  }

  /** {@code https://NAME} with the https port when it is not 443. */
  public String origin(String name) {
    return "https://" + name + (httpsPort == 443 ? "" : ":" + httpsPort);
  }

  /** The backend's public API URL behind this proxy. */
  public String cloudOrigin() {
    return origin(apiName);
  }

  /** The backend's public HTTP-actions URL behind this proxy. */
  public String siteOrigin() {
    return siteName == null ? cloudOrigin() + "/http" : origin(siteName);
  }
}
