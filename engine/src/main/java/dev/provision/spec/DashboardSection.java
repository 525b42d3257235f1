package dev.provision.spec;

import dev.provision.convex.DashboardContainer;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;

/**
 * Reads {@code dashboard:}. The default image is the backend image with {@code convex-backend}
 * replaced by {@code convex-dashboard} and the same tag, because the two are released together; a
 * differing tag is refused unless {@code allowVersionMismatch}.
 */
final class DashboardSection {
  private static final String BACKEND_REPOSITORY = ImageRules.BACKEND;

  private DashboardSection() {}

  static Dashboard read(Fields root, Backend backend) {
    Fields d = root.child("dashboard");
    boolean enabled = d.bool("enabled", true);
    boolean allowMismatch = d.bool("allowVersionMismatch", false);
    String image = d.has("image") ? d.string("image", null) : null;
    boolean usable =
        image == null || ImageRules.check(d, "image", image, ImageRules.Role.DASHBOARD);
    ImageRef backendRef = ImageRef.parse(backend.image());
    if (image == null) {
      image = backend.image().replace(BACKEND_REPOSITORY, ImageRules.DASHBOARD);
      if (enabled && !d.has("image")) {
        defaultProblems(d, root.child("backend"), backend.image(), backendRef);
      }
    } else if (enabled && !allowMismatch && usable) {
      ImageRef ref = ImageRef.parse(image);
      String tag = ref.effectiveTag();
      String backendTag = backendRef.effectiveTag();
      if (tag != null && backendTag != null && !tag.equals(backendTag)) {
        d.add(
            d.error("image", "the dashboard tag differs from the backend's")
                .withExpected(":" + backendTag + " (the backend's tag; they are released together)")
                .withFound(":" + tag)
                .withHint("use the same tag, or set `dashboard.allowVersionMismatch: true`"));
      }
    }
    String url = d.string("deploymentUrl", backend.cloudOrigin());
    if (url == null) {
      url = backend.cloudOrigin();
    } else if (enabled && d.has("deploymentUrl")) {
      String problem = Urls.originProblem(url);
      if (problem != null) {
        d.add(
            d.error("deploymentUrl", "`dashboard.deploymentUrl` " + problem)
                .withExpected(
                    "the backend URL as the browser sees it, such as https://api.example.com")
                .withFound(d.shown("deploymentUrl")));
      }
    }
    return new Dashboard(
        enabled, image, d.integer("port", DashboardContainer.PORT), url, allowMismatch);
  }

  private static void defaultProblems(
      Fields d, Fields b, String backendImage, ImageRef backendRef) {
    if (!backendImage.contains(BACKEND_REPOSITORY)) {
      d.add(
          dev.provision.diag.Diagnostic.error(
                  b.at("image"),
                  d.path("image"),
                  "`dashboard.image` is needed: it cannot be derived from `backend.image`")
              .withExpected(
                  "a backend image whose name contains `convex-backend`, or a"
                      + " `dashboard.image`")
              .withHint(
                  "set `dashboard.image` to the dashboard of the same release, or"
                      + " `dashboard.enabled: false`"));
    } else if (backendRef.digest() != null) {
      d.add(
          dev.provision.diag.Diagnostic.error(
                  b.at("image"),
                  d.path("image"),
                  "`dashboard.image` is needed: `backend.image` is pinned by digest")
              .withExpected("a `dashboard.image` (each image has its own digest)")
              .withHint("set `dashboard.image` to the dashboard of the same release"));
    }
  }
}
