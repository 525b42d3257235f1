package dev.provision.plan;

/**
 * A risk with its one-line consequence in the deployment's terms (null consequence when safe and
 * obvious). A {@link DeploymentPolicy} grades each change.
 */
public record Grade(Risk risk, String consequence) {
  public static Grade safe() {
    return new Grade(Risk.SAFE, null);
  }

  public static Grade safe(String consequence) {
    return new Grade(Risk.SAFE, consequence);
  }

  /** This grade, or {@code other} when {@code other} is riskier. */
  public Grade atLeast(Grade other) {
    return other.risk().ordinal() > risk.ordinal() ? other : this;
  }
}
