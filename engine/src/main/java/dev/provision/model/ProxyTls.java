package dev.provision.model;

/**
 * Where the proxy's certificates come from, and which CA the backend must trust to reach its own
 * site origin through the proxy (the hairpin for OIDC discovery).
 *
 * @param mode ACME (a public or private ACME directory), INTERNAL (the proxy's own CA) or FILES (a
 *     certificate and key the user supplies)
 * @param email the ACME account's email, or null
 * @param acmeDirectory the ACME directory URL (Let's Encrypt by default)
 * @param acmeCaRoot absolute path of a PEM file the proxy trusts for the ACME directory's own HTTPS
 *     (a private ACME server), or null
 * @param certificateFile absolute path of the certificate chain (FILES), or null
 * @param keyFile absolute path of its private key (FILES), or null
 * @param backendTrust absolute path of a CA PEM file the backend trusts (mounted, {@code
 *     SSL_CERT_FILE}); needed when the certificates do not come from a public CA, else null
 */
public record ProxyTls(
    Mode mode,
    String email,
    String acmeDirectory,
    String acmeCaRoot,
    String certificateFile,
    String keyFile,
    String backendTrust) {

  /** How certificates are obtained. */
  public enum Mode {
    ACME,
    INTERNAL,
    FILES
  }

  public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
  public static final String LETS_ENCRYPT_STAGING =
      "https://acme-staging-v02.api.letsencrypt.org/directory";

  static final ProxyTls NONE = new ProxyTls(Mode.ACME, null, LETS_ENCRYPT, null, null, null, null);
}
