package dev.provision.convex;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.model.Auth;
import dev.provision.model.AuthProvider;
import dev.provision.model.Value;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What Convex Auth needs in a self-hosted deployment, computed from the spec's {@link Auth}: the
 * deployment env vars ({@code SITE_URL}, {@code JWT_PRIVATE_KEY}, {@code JWKS}, and per provider
 * {@code AUTH_<ID>_ID}, {@code _SECRET}, {@code _ISSUER} for OIDC, {@code _KEY} for email), the
 * app's {@code convex/auth.config.ts}, and the OAuth callback URLs to register with providers.
 * Pure: it neither generates keys nor talks to a backend.
 */
public final class AuthEnv {
  /** The variable the backend fills with the public HTTP-actions URL; tokens carry it as iss. */
  public static final String SITE_ORIGIN_VAR = BackendContainer.BUILT_IN_SITE_URL;

  /** The frontend's URL, where Convex Auth sends users back to. */
  public static final String SITE_URL = "SITE_URL";

  /** The private key Convex Auth signs tokens with (sensitive). */
  public static final String JWT_PRIVATE_KEY = "JWT_PRIVATE_KEY";

  /** The public half of {@link #JWT_PRIVATE_KEY}, as a JSON Web Key Set. */
  public static final String JWKS = "JWKS";

  private static final Pattern VAR_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private AuthEnv() {}

  /**
   * {@code SITE_URL} and every provider's variables; empty when auth is disabled. Secrets (client
   * secrets, API keys) are always marked sensitive.
   *
   * @throws dev.provision.diag.ProvisionException listing every provider value that is missing
   */
  public static SortedMap<String, Value> providerVariables(Auth auth) {
    SortedMap<String, Value> vars = new TreeMap<>();
    if (auth == null || !auth.enabled()) {
      return Collections.unmodifiableSortedMap(vars);
    }
    Diagnostics problems = new Diagnostics();
    if (auth.siteUrl() == null || auth.siteUrl().isBlank()) {
      problems.add(
          Diagnostic.error(null, "auth.siteUrl", "Convex Auth needs the frontend's URL (SITE_URL)")
              .withHint("set auth.siteUrl to the URL users open, e.g. https://app.example.com"));
    } else {
      vars.put(SITE_URL, Value.plain(auth.siteUrl()));
    }
    List<AuthProvider> providers = auth.providers() == null ? List.of() : auth.providers();
    for (int i = 0; i < providers.size(); i++) {
      addProvider(vars, problems, providers.get(i), "auth.providers[" + i + "]");
    }
    problems.throwIfErrors();
    return Collections.unmodifiableSortedMap(vars);
  }

  /** {@link #providerVariables(Auth)} plus JWT_PRIVATE_KEY (sensitive) and JWKS; empty when off. */
  public static SortedMap<String, Value> variables(Auth auth, JwtKeys keys) {
    SortedMap<String, Value> vars = new TreeMap<>(providerVariables(auth));
    if (auth != null && auth.enabled()) {
      vars.put(JWT_PRIVATE_KEY, Value.secret(keys.jwtPrivateKey()));
      vars.put(JWKS, Value.plain(keys.jwks()));
    }
    return Collections.unmodifiableSortedMap(vars);
  }

  private static void addProvider(
      SortedMap<String, Value> vars, Diagnostics problems, AuthProvider p, String path) {
    String prefix = "AUTH_" + p.envId() + "_";
    switch (p.type()) {
      case GITHUB, GOOGLE, APPLE -> {
        put(vars, problems, prefix + "ID", p.clientId(), false, path + ".clientId", p);
        put(vars, problems, prefix + "SECRET", p.clientSecret(), true, path + ".clientSecret", p);
      }
      case OIDC -> {
        put(vars, problems, prefix + "ID", p.clientId(), false, path + ".clientId", p);
        put(vars, problems, prefix + "SECRET", p.clientSecret(), true, path + ".clientSecret", p);
        Value issuer = p.issuer() == null ? null : Value.plain(p.issuer());
        put(vars, problems, prefix + "ISSUER", issuer, false, path + ".issuer", p);
      }
      case RESEND -> put(vars, problems, prefix + "KEY", p.apiKey(), true, path + ".apiKey", p);
    }
  }

  private static void put(
      SortedMap<String, Value> vars,
      Diagnostics problems,
      String name,
      Value value,
      boolean secret,
      String path,
      AuthProvider provider) {
    if (value == null || value.text().isBlank()) {
      problems.add(
          Diagnostic.error(
                  null, path, "auth provider '" + provider.id() + "' needs a value for " + name)
              .withHint("set it in the spec (a secret reference for secrets)"));
      return;
    }
    vars.put(name, secret ? value.asSensitive() : value);
  }

  /**
   * The content of {@code convex/auth.config.ts}: tokens are issued by the deployment's own site
   * URL with audience {@code convex}. Ends with a newline.
   *
   * @param siteOriginVarName the env var holding the site URL, normally {@link #SITE_ORIGIN_VAR}
   */
  public static String authConfigTs(String siteOriginVarName) {
    if (siteOriginVarName == null || !VAR_NAME.matcher(siteOriginVarName).matches()) {
      throw new IllegalArgumentException("not an env var name: " + siteOriginVarName);
    }
    return "export default { providers: [{ domain: process.env."
        + siteOriginVarName
        + ", applicationID: \"convex\" }] };\n";
  }

  /** {@link #authConfigTs(String)} for {@code CONVEX_SITE_URL}. */
  public static String authConfigTs() {
    return authConfigTs(SITE_ORIGIN_VAR);
  }

  /**
   * The OAuth callback URL to register with a provider: {@code <site
   * origin>/api/auth/callback/<id>}.
   *
   * @param siteOrigin the deployment's public HTTP-actions URL (CONVEX_SITE_ORIGIN), not the
   *     frontend's SITE_URL; a trailing slash is ignored
   */
  public static String callbackUrl(String siteOrigin, AuthProvider provider) {
    String origin =
        siteOrigin.endsWith("/") ? siteOrigin.substring(0, siteOrigin.length() - 1) : siteOrigin;
    return origin + "/api/auth/callback/" + provider.id();
  }

  /** Callback URLs by provider id for every OAuth/OIDC provider (email providers have none). */
  public static SortedMap<String, String> callbackUrls(String siteOrigin, Auth auth) {
    SortedMap<String, String> urls = new TreeMap<>();
    if (auth != null && auth.enabled() && auth.providers() != null) {
      for (AuthProvider p : auth.providers()) {
        if (p.type() != AuthProvider.Type.RESEND) {
          urls.put(p.id(), callbackUrl(siteOrigin, p));
        }
      }
    }
    return Collections.unmodifiableSortedMap(urls);
  }
}
