package dev.provision.convex;

import dev.provision.model.FrontendEnv;

/**
 * The variable names of the frontend's env file: the Convex client's URL and the HTTP-actions URL
 * under the framework's browser prefix, such as {@code VITE_CONVEX_URL} and {@code
 * VITE_CONVEX_SITE_URL}.
 */
public final class FrontendEnvKeys {
  /** The Convex client's URL variable without a framework prefix. */
  public static final String URL = "CONVEX_URL";

  private FrontendEnvKeys() {}

  /** The variable holding the API (cloud) URL, such as {@code NEXT_PUBLIC_CONVEX_URL}. */
  public static String url(FrontendEnv.Framework framework) {
    return framework.prefix() + URL;
  }

  /** The variable holding the HTTP-actions (site) URL, such as {@code VITE_CONVEX_SITE_URL}. */
  public static String siteUrl(FrontendEnv.Framework framework) {
    return framework.prefix() + BackendContainer.BUILT_IN_SITE_URL;
  }
}
