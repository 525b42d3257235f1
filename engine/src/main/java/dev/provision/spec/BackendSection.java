package dev.provision.spec;

import dev.provision.convex.BackendContainer;
import dev.provision.diag.Diagnostic;
import dev.provision.model.Backend;
import dev.provision.model.Knobs;

/**
 * Reads {@code backend:}: image (with pinning warnings), bind address, host ports, public origins
 * (checked, with defaults derived from bind and ports), volume, flags, knobs and S3 storage.
 */
final class BackendSection {
  static final String DEFAULT_IMAGE = "ghcr.io/get-convex/convex-backend:latest";
  private static final String PIN_HINT =
      "pin the 40-hex git SHA tag of a release, such as ghcr.io/get-convex/convex-backend:<sha>";

  private BackendSection() {}

  /**
   * Reads the section; {@code swarm} leaves the warning about all interfaces to {@link SwarmRules},
   * which words the exposure a Swarm imposes.
   */
  static Backend read(Fields root, String deployment, boolean swarm) {
    Fields b = root.child("backend");
    String image = image(root, b);
    String bind = b.string("bind", "127.0.0.1");
    if (bind == null) {
      bind = "127.0.0.1";
    } else if (b.has("bind") && !Urls.isIpAddress(bind)) {
      b.add(
          b.error("bind", "`bind` is not an IP address")
              .withExpected("an IP address of the host, such as 127.0.0.1 or 0.0.0.0")
              .withFound(b.shown("bind"))
              .withHint("put a host name in `origins`, not in `bind`"));
    }
    Fields ports = b.child("ports");
    int api = ports.integer("api", BackendContainer.API_PORT);
    int site = ports.integer("site", BackendContainer.SITE_PORT);
    Fields origins = b.child("origins");
    String host = Urls.originHost(bind);
    String cloud = origin(origins, "cloud", "http://" + host + ":" + api);
    String siteOrigin = origin(origins, "site", "http://" + host + ":" + site);
    if (!swarm && Urls.isWildcard(bind) && (Urls.isHttp(cloud) || Urls.isHttp(siteOrigin))) {
      b.add(
          Diagnostic.warning(
                  b.at("bind"),
                  b.path("bind"),
                  "the backend is published on all interfaces over plain http")
              .withHint("put a TLS proxy in front and set https `origins`, or bind 127.0.0.1"));
    }
    if (origins.has("cloud")
        && origins.has("site")
        && Urls.isHttp(cloud) != Urls.isHttp(siteOrigin)) {
      b.add(
          Diagnostic.warning(
                  origins.at("site"), origins.path("site"), "the origins mix http and https")
              .withFound("cloud " + cloud + ", site " + siteOrigin)
              .withHint("behind TLS both origins must be the public https URLs"));
    }
    String volume = NameRules.volume(b, "volume", deployment + "-data");
    Fields k = b.child("knobs");
    Knobs d = Knobs.defaults();
    Knobs knobs =
        new Knobs(
            k.number("documentRetentionDelay", d.documentRetentionDelaySeconds()),
            k.integer("httpServerTimeoutSeconds", d.httpServerTimeoutSeconds()),
            k.integer("v8ActionTimeoutSeconds", d.v8ActionTimeoutSeconds()),
            k.integer("nodeActionTimeoutSeconds", d.nodeActionTimeoutSeconds()),
            k.integer("maxConcurrentQueries", d.maxConcurrentQueries()),
            k.integer("maxConcurrentMutations", d.maxConcurrentMutations()),
            k.integer("maxConcurrentV8Actions", d.maxConcurrentV8Actions()),
            k.integer("maxConcurrentNodeActions", d.maxConcurrentNodeActions()),
            orDefault(k.string("rustLog", d.rustLog()), d.rustLog()));
    return new Backend(
        image,
        bind,
        api,
        site,
        cloud,
        siteOrigin,
        volume,
        knobs,
        b.bool("beacon", true),
        b.bool("redactLogsToClient", false),
        b.bool("metrics", false),
        S3Section.read(b.child("storage").child("s3")));
  }

  private static String image(Fields root, Fields b) {
    if (!b.has("image")) {
      root.add(
          Diagnostic.warning(
                  b.present() ? b.where() : root.where(),
                  "backend.image",
                  "`backend.image` is not set, so the moving tag :latest is used")
              .withHint(PIN_HINT));
      return DEFAULT_IMAGE;
    }
    String image = b.string("image", null);
    if (image == null || !ImageRules.check(b, "image", image, ImageRules.Role.BACKEND)) {
      // Reported (or unresolved): the default keeps the dashboard's derivation quiet.
      return DEFAULT_IMAGE;
    }
    ImageRef ref = ImageRef.parse(image);
    if (ref.tag() == null && ref.digest() == null) {
      b.add(
          Diagnostic.warning(
                  b.at("image"),
                  b.path("image"),
                  "`backend.image` has no tag, so Docker uses the moving tag :latest")
              .withHint(PIN_HINT));
    } else if ("latest".equals(ref.tag()) && ref.digest() == null) {
      b.add(
          Diagnostic.warning(
                  b.at("image"), b.path("image"), "`backend.image` uses the moving tag :latest")
              .withHint(PIN_HINT));
    }
    return image;
  }

  private static String origin(Fields origins, String key, String fallback) {
    String url = origins.string(key, fallback);
    if (url == null || !origins.has(key)) {
      return url == null ? fallback : url;
    }
    String problem = Urls.originProblem(url);
    if (problem != null) {
      origins.add(
          origins
              .error(key, "`" + origins.path(key) + "` " + problem)
              .withExpected(
                  "an absolute http(s) URL without trailing `/`, query or fragment, such as"
                      + " https://api.example.com")
              .withFound(origins.shown(key)));
    }
    return url;
  }

  static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
