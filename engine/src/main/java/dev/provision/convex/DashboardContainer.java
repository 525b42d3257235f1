package dev.provision.convex;

/** The facts of the Convex dashboard image, each spelled once: its port and its one setting. */
public final class DashboardContainer {
  /** The port the dashboard listens on inside its container. */
  public static final int PORT = 6791;

  /** The backend's public API URL the dashboard's browser code talks to. */
  public static final String DEPLOYMENT_URL_ENV = "NEXT_PUBLIC_DEPLOYMENT_URL";

  private DashboardContainer() {}
}
