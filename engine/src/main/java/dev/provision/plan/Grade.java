package dev.provision.plan;

/**
 * A risk with its one-line consequence in Convex terms (null consequence when safe and obvious).
 */
record Grade(Risk risk, String consequence) {
  static Grade safe() {
    return new Grade(Risk.SAFE, null);
  }

  static Grade safe(String consequence) {
    return new Grade(Risk.SAFE, consequence);
  }

  Grade atLeast(Grade other) {
    return other.risk().ordinal() > risk.ordinal() ? other : this;
  }
}
