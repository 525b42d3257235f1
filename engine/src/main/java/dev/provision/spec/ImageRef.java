package dev.provision.spec;

/**
 * A container image reference split into repository, tag and digest, for the pinning warnings and
 * the dashboard default. Pure; does not validate registry syntax.
 *
 * @param tag the tag, or null when none is written
 * @param digest the {@code sha256:...} digest, or null
 */
record ImageRef(String repository, String tag, String digest) {

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
