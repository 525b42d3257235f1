package dev.provision.model;

import java.nio.file.Path;

/**
 * The frontend's env file ({@code outputs.frontendEnv}): where it is, which framework reads it (so
 * which variable names it holds), and whether it also carries the HTTP-actions (site) URL. Never
 * holds an admin key: a bundler ships these values to every browser.
 *
 * @param siteUrl true when the spec asks for the site URL ({@code siteUrl: true}); it is written
 *     too whenever auth is on
 */
public record FrontendEnv(Path path, Framework framework, boolean siteUrl) {

  /** The frameworks whose variable prefixes the file uses. */
  public enum Framework {
    VITE("VITE_"),
    NEXT("NEXT_PUBLIC_"),
    PLAIN("");

    private final String prefix;

    Framework(String prefix) {
      this.prefix = prefix;
    }

    /** The spelling in the spec ({@code vite}, {@code next}, {@code plain}). */
    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The prefix the framework exposes to browser code ({@code VITE_}, {@code NEXT_PUBLIC_}). */
    public String prefix() {
      return prefix;
    }

    /** The framework spelled {@code text}, or null. */
    public static Framework of(String text) {
      for (Framework f : values()) {
        if (f.spelling().equals(text)) {
          return f;
        }
      }
      return null;
    }
  }
}
