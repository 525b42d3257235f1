package dev.provision.spec;

/**
 * A container image reference split into repository, tag and digest, for the pinning warnings and
 * the dashboard default, and the reference grammar Docker accepts ({@link #problem}). Pure.
 *
 * @param tag the tag, or null when none is written
 * @param digest the {@code sha256:...} digest, or null
 */
record ImageRef(String repository, String tag, String digest) {
  private static final String DOMAIN_PART = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
  private static final String DOMAIN =
      "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
  private static final String PATH = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("(?:" + DOMAIN + "/)?" + PATH + "(?:/" + PATH + ")*");
  private static final java.util.regex.Pattern TAG =
      java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final java.util.regex.Pattern DIGEST =
      java.util.regex.Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}");

  /** Why an image reference is refused, with the words a message uses and what to do. */
  enum Problem {
    EMPTY("is empty", "name an image, or remove the key to use the default"),
    SPACES(
        "contains spaces or control characters", "remove the spaces: an image reference has none"),
    UPPER_CASE(
        "has upper-case letters in the repository name", "write the repository name in lower case"),
    INVALID("is not a valid image reference", "write it as [REGISTRY/]REPOSITORY[:TAG][@DIGEST]"),
    TAG("has an invalid tag", "a tag is letters, digits, '_', '.' and '-', at most 128"),
    DIGEST("has an invalid digest", "a digest is written sha256:<64 hex characters>");

    final String words;
    final String hint;

    Problem(String words, String hint) {
      this.words = words;
      this.hint = hint;
    }
  }

  /**
   * Why {@code image} is not a reference Docker accepts ({@code
   * [REGISTRY/]REPOSITORY[:TAG][@DIGEST]}, lower-case repository), or null when it is one.
   */
  static Problem problem(String image) {
    if (image.isBlank()) {
      return Problem.EMPTY;
    }
    if (image.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return Problem.SPACES;
    }
    ImageRef ref = parse(image);
    if (ref.repository().length() > 255 || !NAME.matcher(ref.repository()).matches()) {
      return ref.repository().chars().anyMatch(Character::isUpperCase)
              && NAME.matcher(ref.repository().toLowerCase(java.util.Locale.ROOT)).matches()
          ? Problem.UPPER_CASE
          : Problem.INVALID;
    }
    if (ref.tag() != null && !TAG.matcher(ref.tag()).matches()) {
      return Problem.TAG;
    }
    if (ref.digest() != null && !DIGEST.matcher(ref.digest()).matches()) {
      return Problem.DIGEST;
    }
    return null;
  }

  /** The last part of the repository path, such as {@code convex-backend}. */
  String name() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  static ImageRef parse(String image) {
    String rest = image;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      return new ImageRef(rest.substring(0, colon), rest.substring(colon + 1), digest);
    }
    return new ImageRef(rest, null, digest);
  }

  /**
   * The tag Docker would use: the written tag, or latest when neither tag nor digest is written.
   */
  String effectiveTag() {
    return tag != null ? tag : (digest == null ? "latest" : null);
  }

  boolean isPinnedSha() {
    return digest != null || (tag != null && tag.matches("[0-9a-f]{40}"));
  }
}
