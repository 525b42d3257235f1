package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.model.ProxyTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads {@code proxy.tls:}: {@code ca} ({@code letsencrypt} by default, {@code
 * letsencrypt-staging}, {@code internal} for the proxy's own CA on a private network, or the https
 * URL of any ACME directory), {@code email}, {@code acmeCaRoot} (a PEM file the proxy trusts for a
 * private ACME server's own HTTPS), {@code certificate} and {@code key} (a certificate the user
 * supplies, instead of ACME) and {@code backendTrust} (a CA PEM file the backend trusts, to reach
 * its own site origin through the proxy when the certificates do not come from a public CA).
 */
final class ProxyTlsSection {
  /**
   * An address the Caddyfile takes as one plain token: a dot-atom local part of the characters an
   * address may have unquoted, less braces (placeholders), {@code #} (a comment) and the backtick
   * (a Caddyfile quote), so nothing can open a quote or, as {@code <<} does in Caddy 2.7 and later,
   * a heredoc; and a DNS domain.
   */
  private static final String ATOM = "[A-Za-z0-9!$%&'*+/=?^_|~-]+";

  private static final Pattern EMAIL =
      Pattern.compile(ATOM + "(\\." + ATOM + ")*@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

  private ProxyTlsSection() {}

  static ProxyTls read(Fields t, Path specFile) {
    String ca = t.string("ca", "letsencrypt");
    ProxyTls.Mode mode = ProxyTls.Mode.ACME;
    String directory = ProxyTls.LETS_ENCRYPT;
    if (ca == null || ca.equals("letsencrypt")) {
      directory = ProxyTls.LETS_ENCRYPT;
    } else if (ca.equals("letsencrypt-staging")) {
      directory = ProxyTls.LETS_ENCRYPT_STAGING;
    } else if (ca.equals("internal")) {
      mode = ProxyTls.Mode.INTERNAL;
      directory = null;
    } else if (ca.startsWith("https://") && Urls.originProblem(ca.replaceAll("/+$", "")) == null) {
      directory = ca;
    } else {
      t.add(
          t.error("ca", "`proxy.tls.ca` is not a known CA or an https ACME directory URL")
              .withExpected(
                  "letsencrypt, letsencrypt-staging, internal, or https://HOST/PATH of an ACME"
                      + " directory")
              .withFound(t.shown("ca")));
    }
    String certificate = file(t, "certificate", specFile);
    String key = file(t, "key", specFile);
    if (t.has("certificate") != t.has("key")) {
      String missing = t.has("certificate") ? "key" : "certificate";
      t.add(
          Diagnostic.error(t.where(), t.path(missing), "`proxy.tls." + missing + "` is missing")
              .withExpected("both `certificate` and `key` (the PEM chain and its private key)"));
    } else if (t.has("certificate")) {
      if (t.has("ca")) {
        t.add(
            t.error("ca", "`proxy.tls.ca` and a supplied certificate exclude each other")
                .withHint("remove `ca` (or `certificate` and `key` to use ACME)"));
      }
      mode = ProxyTls.Mode.FILES;
      directory = null;
    }
    String email = t.string("email", null);
    if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
      t.add(
          t.error("email", "`proxy.tls.email` is not an email address")
              .withExpected("the ACME account's contact, such as ops@example.com")
              .withFound(t.shown("email")));
    }
    String acmeRoot = file(t, "acmeCaRoot", specFile);
    if (acmeRoot != null && mode != ProxyTls.Mode.ACME) {
      t.add(
          t.error("acmeCaRoot", "`proxy.tls.acmeCaRoot` is only for an ACME `ca`")
              .withHint("remove it, or set `ca` to the ACME directory it belongs to"));
    }
    return new ProxyTls(
        mode,
        mode == ProxyTls.Mode.ACME ? email : null,
        directory,
        mode == ProxyTls.Mode.ACME ? acmeRoot : null,
        certificate,
        key,
        file(t, "backendTrust", specFile));
  }

  /** The absolute path of an existing, readable file named at {@code key}, or null. */
  private static String file(Fields t, String key, Path specFile) {
    String written = t.string(key, null);
    if (written == null) {
      return null;
    }
    Path file = SpecPaths.resolve(t, key, written, specFile);
    if (file == null) {
      return null;
    }
    if (!Files.exists(file)) {
      t.add(
          t.error(key, "`proxy.tls." + key + "` does not exist")
              .withExpected("a PEM file, relative to the spec file")
              .withFound(file.toString()));
      return null;
    }
    CertificateChecks.check(t, key, file, "PEM file");
    return file.toAbsolutePath().normalize().toString();
  }
}
