package dev.provision.spec;

/**
 * Checks an image written in the spec: a reference Docker accepts (not empty, no spaces, a
 * lower-case repository), and not the other Convex image (a dashboard image in {@code
 * backend.image}, a backend image in {@code dashboard.image}), recognised by the repository name.
 */
final class ImageRules {
  static final String BACKEND = "convex-backend";
  static final String DASHBOARD = "convex-dashboard";

  /** Which container an image is for. */
  enum Role {
    BACKEND("ghcr.io/get-convex/convex-backend:<sha>"),
    DASHBOARD("ghcr.io/get-convex/convex-dashboard:<sha>"),
    POSTGRES(DatabaseSection.DEFAULT_POSTGRES_IMAGE);

    private final String example;

    Role(String example) {
      this.example = example;
    }
  }

  private ImageRules() {}

  /** True when the image at {@code key} is usable for {@code role}; reports it otherwise. */
  static boolean check(Fields f, String key, String image, Role role) {
    String path = f.path(key);
    ImageRef.Problem problem = ImageRef.problem(image);
    if (problem != null) {
      f.add(
          f.error(key, "`" + path + "` " + problem.words)
              .withExpected("an image reference such as " + role.example)
              .withFound(image.isEmpty() ? null : f.shown(key))
              .withHint(problem.hint));
      return false;
    }
    String name = ImageRef.parse(image).name();
    String other = role == Role.BACKEND ? DASHBOARD : role == Role.DASHBOARD ? BACKEND : null;
    if (other != null && name.equals(other)) {
      String otherKey = role == Role.BACKEND ? "dashboard.image" : "backend.image";
      f.add(
          f.error(
                  key,
                  "`"
                      + path
                      + "` is the "
                      + (role == Role.BACKEND ? "dashboard" : "backend")
                      + " image")
              .withExpected(
                  "a `"
                      + (role == Role.BACKEND ? BACKEND : DASHBOARD)
                      + "` image, such as "
                      + role.example)
              .withFound(f.shown(key))
              .withHint(
                  "the backend and dashboard images look swapped: put this one in `"
                      + otherKey
                      + "`"));
      return false;
    }
    return true;
  }
}
