package dev.provision.spec;

import dev.provision.convex.BackendContainer;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.DidYouMean;
import dev.provision.diag.Quote;
import dev.provision.model.Auth;
import dev.provision.model.AuthProvider;
import dev.provision.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code auth:} (Convex Auth). Present means enabled unless {@code enabled: false}. Needs the
 * frontend's {@code siteUrl}; each provider needs the fields its type uses and no others. The ids
 * github, google, apple and resend imply their type; other ids need {@code type:}.
 */
final class AuthSection {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
  private static final List<String> KNOWN = List.of("github", "google", "apple", "resend");
  private static final List<String> FIELDS =
      List.of("clientId", "clientSecret", "issuer", "apiKey");
  private static final java.util.Map<String, String> ENV_SUFFIX =
      java.util.Map.of(
          "clientId", "ID", "clientSecret", "SECRET", "issuer", "ISSUER", "apiKey", "KEY");

  /** Longest id whose longest env var name (AUTH_<ID>_SECRET, _ISSUER) fits the backend's limit. */
  static final int MAX_ID = EnvSection.MAX_NAME - "AUTH_".length() - "_SECRET".length();

  private AuthSection() {}

  static Auth read(Fields root, String siteOrigin) {
    Fields a = root.child("auth");
    if (!a.present() || !a.bool("enabled", true)) {
      return Auth.disabled();
    }
    String siteUrl = a.string("siteUrl", null);
    if (!a.has("siteUrl")) {
      a.add(
          Diagnostic.error(a.where(), a.path("siteUrl"), "auth needs `siteUrl`")
              .withExpected("the FRONTEND's URL, such as http://localhost:5173")
              .withHint(
                  "OAuth redirects and magic links go to this URL; or set `auth.enabled: false`"));
    } else if (siteUrl != null && Urls.originProblem(siteUrl) != null) {
      a.add(
          a.error("siteUrl", "`auth.siteUrl` " + Urls.originProblem(siteUrl))
              .withExpected("the FRONTEND's URL, such as https://app.example.com")
              .withFound(a.shown("siteUrl")));
    }
    hairpin(root, a, siteOrigin);
    Fields providers = a.child("providers");
    List<AuthProvider> out = new ArrayList<>();
    for (String id : providers.entries().keySet()) {
      AuthProvider p = provider(providers, id);
      if (p != null) {
        out.add(p);
      }
    }
    return new Auth(true, siteUrl == null ? "" : siteUrl, out);
  }

  private static AuthProvider provider(Fields providers, String id) {
    if (!ID.matcher(id).matches()) {
      providers.add(
          Diagnostic.error(
                  providers.keyAt(id),
                  providers.path(id),
                  "provider id `" + Quote.of(id) + "` is not allowed")
              .withExpected("lower-case letters, digits and '-', starting with a letter")
              .withHint("the id becomes part of env var names (AUTH_<ID>_...)"));
      return null;
    }
    if (id.length() > MAX_ID) {
      providers.add(
          Diagnostic.error(
                  providers.keyAt(id),
                  providers.path(Quote.of(id)),
                  "provider id `" + Quote.of(id) + "` is too long")
              .withExpected("at most " + MAX_ID + " characters")
              .withFound(id.length() + " characters")
              .withHint(
                  "the id becomes part of env var names such as AUTH_<ID>_SECRET, which the"
                      + " backend limits to "
                      + EnvSection.MAX_NAME
                      + " characters"));
      return null;
    }
    Fields p = providers.child(id);
    String typeText = p.string("type", KNOWN.contains(id) ? id : null);
    if (typeText == null) {
      String guess = DidYouMean.hint(id, KNOWN);
      providers.add(
          Diagnostic.error(
                  providers.keyAt(id), providers.path(id), "provider `" + id + "` has no `type`")
              .withExpected(
                  "a known id (github, google, apple, resend) or"
                      + " `type: oidc|github|google|apple|resend`")
              .withHint(
                  guess != null
                      ? guess + " Otherwise add `type:`."
                      : "add `type: oidc` for an" + " OpenID Connect provider"));
      return null;
    }
    AuthProvider.Type type = typeOf(typeText);
    if (type == null) {
      return null;
    }
    Set<String> needed =
        switch (type) {
          case RESEND -> Set.of("apiKey");
          case OIDC -> Set.of("clientId", "clientSecret", "issuer");
          default -> Set.of("clientId", "clientSecret");
        };
    boolean ok = true;
    for (String field : FIELDS) {
      if (needed.contains(field) && !p.has(field)) {
        p.add(
            Diagnostic.error(
                    providers.keyAt(id),
                    p.path(field),
                    "provider `" + id + "` needs `" + field + "`")
                .withExpected(String.join(", ", sorted(needed)) + " for type " + typeText));
        ok = false;
      } else if (!needed.contains(field) && p.has(field)) {
        p.add(
            p.error(field, "`" + field + "` is not used by a " + typeText + " provider")
                .withExpected(String.join(", ", sorted(needed)) + " for type " + typeText)
                .withHint("remove it, or set the right `type:`"));
        ok = false;
      }
    }
    for (String field : FIELDS) {
      String text = p.string(field, null);
      if (needed.contains(field) && p.has(field) && text != null && text.isBlank()) {
        new Refusal(
                "is empty",
                "the provider's " + field,
                "the backend would get an empty "
                    + "AUTH_"
                    + id.toUpperCase(Locale.ROOT).replace('-', '_')
                    + "_"
                    + ENV_SUFFIX.get(field)
                    + "; give the value, or remove the provider")
            .report(p, field);
        ok = false;
      }
    }
    LiteralSecrets.check(p, "clientSecret");
    LiteralSecrets.check(p, "apiKey");
    String issuer = p.string("issuer", null);
    if (issuer != null
        && p.has("issuer")
        && !issuer.isBlank()
        && !issuer.startsWith("https://")
        && !issuer.startsWith("http://")) {
      p.add(
          p.error("issuer", "`issuer` is not an http(s) URL")
              .withExpected("the issuer's URL, such as https://example.okta.com")
              .withFound(p.shown("issuer")));
    }
    if (!ok) {
      return null;
    }
    Value clientId = p.value("clientId", false);
    return new AuthProvider(
        id,
        type,
        clientId,
        p.value("clientSecret", true),
        p.string("issuer", null),
        p.value("apiKey", true));
  }

  /**
   * The backend checks tokens by fetching the site origin's OpenID configuration from inside its
   * own container: a loopback site origin only works there on the container's own port 3211.
   */
  private static void hairpin(Fields root, Fields auth, String siteOrigin) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(siteOrigin);
    } catch (java.net.URISyntaxException e) {
      return;
    }
    String host = String.valueOf(uri.getHost());
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    if (loopback && port != BackendContainer.SITE_PORT) {
      Fields origins = root.child("backend").child("origins");
      root.add(
          Diagnostic.warning(
                  origins.has("site") ? origins.at("site") : auth.where(),
                  "backend.origins.site",
                  "Convex Auth cannot reach the site origin from inside the" + " backend container")
              .withFound(
                  siteOrigin
                      + " is the container itself there, which serves HTTP actions on"
                      + " port "
                      + BackendContainer.SITE_PORT)
              .withHint(
                  "set `backend.origins.site` to a URL the container can reach (usually the"
                      + " public https URL), or publish the site port as "
                      + BackendContainer.SITE_PORT));
    }
  }

  /** The type for a type word, or null for an unknown one (the schema reported it). */
  private static AuthProvider.Type typeOf(String word) {
    for (AuthProvider.Type type : AuthProvider.Type.values()) {
      if (type.name().toLowerCase(Locale.ROOT).equals(word)) {
        return type;
      }
    }
    return null;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
