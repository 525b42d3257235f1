package dev.provision.postgres;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the password back out of a {@code POSTGRES_URL} the engine wrote into a backend container
 * ({@code postgres://USER:PASSWORD@HOST:PORT?...}, both percent-encoded): how the managed Postgres
 * password is adopted from a running backend when the Postgres container and the secrets file are
 * gone. Pure; never puts the URL or the password in a message.
 */
public final class UrlPassword {
  private UrlPassword() {}

  /**
   * The decoded password of {@code url}, when it is a Postgres URL whose decoded user is {@code
   * user} and that carries a password; empty otherwise (another user, no password, bad encoding).
   */
  public static Optional<String> of(String url, String user) {
    if (url == null) {
      return Optional.empty();
    }
    int schemeEnd = url.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
      return Optional.empty();
    }
    String rest = url.substring(schemeEnd + 3);
    for (char end : new char[] {'?', '#'}) {
      int i = rest.indexOf(end);
      rest = i < 0 ? rest : rest.substring(0, i);
    }
    int at = rest.lastIndexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    String userInfo = rest.substring(0, at);
    int colon = userInfo.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    try {
      String name = PercentEncoding.decode(userInfo.substring(0, colon));
      String password = PercentEncoding.decode(userInfo.substring(colon + 1));
      return name.equals(user) && !password.isEmpty() ? Optional.of(password) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
