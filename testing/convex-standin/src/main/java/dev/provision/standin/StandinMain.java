package dev.provision.standin;

/** TEST STAND-IN for the Convex backend. STUB: replaced by the stand-in server. */
public final class StandinMain {
  private StandinMain() {}

  public static void main(String[] args) {}
}
