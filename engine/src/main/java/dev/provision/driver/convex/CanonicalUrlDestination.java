package dev.provision.driver.convex;

/**
 * Which public URL {@code update_canonical_url} sets: the API (cloud) or the HTTP actions (site).
 */
public enum CanonicalUrlDestination {
  CONVEX_CLOUD("convexCloud"),
  CONVEX_SITE("convexSite");

  private final String wireName;

  CanonicalUrlDestination(String wireName) {
    this.wireName = wireName;
  }

  /** The value of {@code requestDestination} in the request body. */
  public String wireName() {
    return wireName;
  }
}
