package dev.provision.engine;

import dev.provision.convex.AuthEnv;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;

/**
 * What the app needs for Convex Auth that provision cannot set on the backend: the content of
 * {@code convex/auth.config.ts}, and the OAuth callback URL to register with each provider (on the
 * deployment's site origin, not the frontend's SITE_URL).
 *
 * @param fileContent the file's text, ending with a newline
 * @param siteUrl the frontend's URL (SITE_URL), where users come back after signing in
 * @param callbackUrls by provider id, for OAuth and OIDC providers only
 */
public record AuthConfig(
    String fileContent, String siteUrl, SortedMap<String, String> callbackUrls) {
  public AuthConfig {
    callbackUrls =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(callbackUrls));
  }

  /**
   * From a spec with auth enabled.
   *
   * @throws ProvisionException when the spec does not enable auth
   */
  static AuthConfig of(Spec spec) {
    if (spec.auth() == null || !spec.auth().enabled()) {
      throw new ProvisionException(
          Diagnostic.error(null, "auth", "Convex Auth is not enabled in " + spec.source())
              .withHint(
                  "add an auth: section with siteUrl and providers (see specs/auth-github.yaml),"
                      + " then run `provision apply` to set its keys on the deployment"));
    }
    return new AuthConfig(
        AuthEnv.authConfigTs(),
        spec.auth().siteUrl(),
        AuthEnv.callbackUrls(spec.backend().siteOrigin(), spec.auth()));
  }

  /** Writes {@link #fileContent()} to {@code file}, creating its folder. */
  public void write(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(file, fileContent);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write " + file + " (" + e.getClass().getSimpleName() + ")",
          "check that its folder is writable");
    }
  }
}
