package dev.provision.convex;

import java.util.List;

/**
 * The facts of the proxy container, each spelled once: its ports, where provision puts the files it
 * hands to Caddy, and the command that writes the Caddyfile from the environment and runs Caddy (so
 * the configuration travels with the container, through any target, and enters its config hash).
 */
public final class ProxyContainer {
  /**
   * Default ports. The proxy listens inside its container on the same ports it is published on, so
   * a public URL with a port ({@code https://api.example.com:8443}) also works on the deployment
   * network, where the name is the proxy's alias (the hairpin).
   */
  public static final int HTTP_PORT = 80;

  public static final int HTTPS_PORT = 443;

  /** The env var holding the generated Caddyfile. */
  public static final String CADDYFILE_ENV = "PROVISION_CADDYFILE";

  /** Certificates, keys and ACME accounts: the volume kept across replaces. */
  public static final String DATA_PATH = "/data";

  /** Where a private ACME server's root (for its own HTTPS) is mounted. */
  public static final String ACME_CA_ROOT_PATH = "/provision/acme-ca-root.pem";

  /** Where a user-supplied certificate chain and key are mounted. */
  public static final String CERTIFICATE_PATH = "/provision/tls/certificate.pem";

  public static final String KEY_PATH = "/provision/tls/key.pem";

  /** Where the backend finds the CA it trusts for its own site origin (SSL_CERT_FILE). */
  public static final String BACKEND_TRUST_PATH = "/provision/proxy-ca.pem";

  /** Read by OpenSSL (the backend's HTTP client) and curl for extra roots. */
  public static final String SSL_CERT_FILE_ENV = "SSL_CERT_FILE";

  /** The DNS name of the proxy container on the deployment network, besides its public names. */
  public static final String ALIAS = "proxy";

  /** Writes the Caddyfile from {@link #CADDYFILE_ENV} and runs Caddy in the foreground. */
  public static final List<String> COMMAND =
      List.of(
          "sh",
          "-c",
          "mkdir -p /etc/caddy && printf '%s' \"$"
              + CADDYFILE_ENV
              + "\" > /etc/caddy/Caddyfile && exec caddy run --config /etc/caddy/Caddyfile"
              + " --adapter caddyfile");

  /** The env var holding the Caddyfile run alone first, with the API's name, to register. */
  public static final String ACCOUNT_CADDYFILE_ENV = "PROVISION_CADDYFILE_ACCOUNT";

  /** As {@link #ACCOUNT_CADDYFILE_ENV} with the site name (only with one). */
  public static final String SITE_ACCOUNT_CADDYFILE_ENV = "PROVISION_CADDYFILE_ACCOUNT_SITE";

  /** As {@link #ACCOUNT_CADDYFILE_ENV} with the dashboard name (only when it is served). */
  public static final String DASHBOARD_ACCOUNT_CADDYFILE_ENV =
      "PROVISION_CADDYFILE_ACCOUNT_DASHBOARD";

  /** The env var holding where the ACME account is kept, relative to Caddy's data directory. */
  public static final String ACCOUNT_DIRECTORY_ENV = "PROVISION_ACME_ACCOUNT_DIR";

  /** The env var holding where the API name's certificate is kept, as the account directory. */
  public static final String API_CERTIFICATE_ENV = "PROVISION_ACME_API_CERT";

  /** As {@link #API_CERTIFICATE_ENV} for the site name (only with one). */
  public static final String SITE_CERTIFICATE_ENV = "PROVISION_ACME_SITE_CERT";

  /** As {@link #API_CERTIFICATE_ENV} for the dashboard name (only when it is served). */
  public static final String DASHBOARD_CERTIFICATE_ENV = "PROVISION_ACME_DASHBOARD_CERT";

  /**
   * With ACME: while the account directory holds no account (key and record) and one of the names
   * (API, site, dashboard, in that order) has no certificate, runs Caddy first with that name's
   * account Caddyfile (one name: one account registered), waits up to 60 s for the account, stops
   * it, then runs Caddy with every name as {@link #COMMAND} does. With every name's certificate
   * kept, no name asks the CA anything at start, so nothing is run alone. A stop signal meanwhile
   * stops both. Paths are under Caddy's data directory, found as Caddy finds it.
   */
  public static final List<String> ACME_COMMAND =
      List.of(
          "sh",
          "-c",
          "mkdir -p /etc/caddy && printf '%s' \"$"
              + CADDYFILE_ENV
              + "\" > /etc/caddy/Caddyfile || exit 1;"
              + " d=\"${XDG_DATA_HOME:-$HOME/.local/share}\"; a=\"$d/$"
              + ACCOUNT_DIRECTORY_ENV
              + "\"; s=; if ! ls \"$a\"/*.key \"$a\"/*.json >/dev/null 2>&1; then"
              + " if [ ! -e \"$d/$"
              + API_CERTIFICATE_ENV
              + "\" ]; then s=$"
              + ACCOUNT_CADDYFILE_ENV
              + "; elif [ -n \"$"
              + SITE_CERTIFICATE_ENV
              + "\" ] && [ ! -e \"$d/$"
              + SITE_CERTIFICATE_ENV
              + "\" ]; then s=$"
              + SITE_ACCOUNT_CADDYFILE_ENV
              + "; elif [ -n \"$"
              + DASHBOARD_CERTIFICATE_ENV
              + "\" ] && [ ! -e \"$d/$"
              + DASHBOARD_CERTIFICATE_ENV
              + "\" ]; then s=$"
              + DASHBOARD_ACCOUNT_CADDYFILE_ENV
              + "; fi; fi; if [ -n \"$s\" ]; then printf '%s' \"$s\" > /etc/caddy/Account.Caddyfile"
              + " && { caddy run --config /etc/caddy/Account.Caddyfile --adapter caddyfile & p=$!;"
              + " trap 'kill $p 2>/dev/null; wait $p; exit 143' TERM INT; n=0;"
              + " while [ $n -lt 120 ] && kill -0 $p 2>/dev/null"
              + " && ! ls \"$a\"/*.key \"$a\"/*.json >/dev/null 2>&1; do sleep 0.5; n=$((n+1));"
              + " done; sleep 1; kill $p 2>/dev/null; wait $p; trap - TERM INT; }; fi;"
              + " exec caddy run --config /etc/caddy/Caddyfile --adapter caddyfile");

  private ProxyContainer() {}
}
