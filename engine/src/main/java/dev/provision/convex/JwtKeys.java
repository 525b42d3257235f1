package dev.provision.convex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.diag.ProvisionException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key pair Convex Auth signs its tokens with, in the exact forms the deployment env vars take.
 *
 * <ul>
 *   <li>{@code JWT_PRIVATE_KEY}: RSA-2048, unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE
 *       KEY-----}, never PKCS#1), 64-character base64 lines, every newline replaced by one space,
 *       no leading or trailing whitespace.
 *   <li>{@code JWKS}: {@code {"keys":[{"use":"sig","kty":"RSA","n":"...","e":"AQAB"}]}}, the public
 *       half, base64url without padding, members in that order, no kid, no alg.
 * </ul>
 *
 * Generated once per deployment and kept; regenerating logs every user out. {@link #toString()}
 * never shows the private key.
 *
 * @param jwtPrivateKey the JWT_PRIVATE_KEY value (sensitive)
 * @param jwks the JWKS value (public)
 */
public record JwtKeys(String jwtPrivateKey, String jwks) {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A new RSA-2048 pair. */
  public static JwtKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
      return new JwtKeys(toEnv(key), jwksOf(key));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is part of every Java runtime", e);
    }
  }

  /** The env form of a private key: PKCS#8 PEM on one line. */
  public static String toEnv(RSAPrivateCrtKey key) {
    String body = Base64.getMimeEncoder(64, new byte[] {' '}).encodeToString(key.getEncoded());
    return BEGIN + " " + body + " " + END;
  }

  /** A JWT_PRIVATE_KEY value turned back into an ordinary multi-line PEM (newline-terminated). */
  public static String toPem(String jwtPrivateKey) {
    String body = base64Body(jwtPrivateKey);
    String lines =
        Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(Base64.getDecoder().decode(body));
    return BEGIN + "\n" + lines + "\n" + END + "\n";
  }

  /**
   * Reads a JWT_PRIVATE_KEY value (one line with spaces, or a normal PEM).
   *
   * @throws ProvisionException when it is not an unencrypted PKCS#8 RSA key; never shows the value
   */
  public static RSAPrivateCrtKey parsePrivateKey(String jwtPrivateKey) {
    if (jwtPrivateKey != null && jwtPrivateKey.contains("BEGIN RSA PRIVATE KEY")) {
      throw invalid(
          "JWT_PRIVATE_KEY is a PKCS#1 key (BEGIN RSA PRIVATE KEY); Convex Auth needs PKCS#8",
          "convert it with `openssl pkcs8 -topk8 -nocrypt`, or let provision generate the pair");
    }
    try {
      byte[] der = Base64.getDecoder().decode(base64Body(jwtPrivateKey));
      KeyFactory factory = KeyFactory.getInstance("RSA");
      return (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
      throw invalid(
          "JWT_PRIVATE_KEY is not an unencrypted PKCS#8 RSA private key",
          "let provision generate the pair, or give a key starting with '" + BEGIN + "'");
    }
  }

  private static String base64Body(String value) {
    if (value == null) {
      throw new IllegalArgumentException("no key");
    }
    String text = value.strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw invalid(
          "JWT_PRIVATE_KEY does not start with '" + BEGIN + "' and end with '" + END + "'",
          "let provision generate the pair, or give an unencrypted PKCS#8 PEM key");
    }
    return text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s+", "");
  }

  /** The JWKS for the public half of a private key. */
  public static String jwksOf(RSAPrivateCrtKey key) {
    return "{\"keys\":[{\"use\":\"sig\",\"kty\":\"RSA\",\"n\":\""
        + base64Url(key.getModulus())
        + "\",\"e\":\""
        + base64Url(key.getPublicExponent())
        + "\"}]}";
  }

  /** The JWKS derived from a JWT_PRIVATE_KEY value. */
  public static String jwksOf(String jwtPrivateKey) {
    return jwksOf(parsePrivateKey(jwtPrivateKey));
  }

  /**
   * Whether a JWKS holds the public half of a private key: some RSA key in it has the same modulus
   * and exponent. False for a JWKS that is not JSON.
   */
  public static boolean matches(String jwtPrivateKey, String jwks) {
    RSAPrivateCrtKey key = parsePrivateKey(jwtPrivateKey);
    String n = base64Url(key.getModulus());
    String e = base64Url(key.getPublicExponent());
    try {
      for (JsonNode entry : JSON.readTree(jwks).path("keys")) {
        if ("RSA".equals(entry.path("kty").asText())
            && n.equals(entry.path("n").asText())
            && e.equals(entry.path("e").asText())) {
          return true;
        }
      }
      return false;
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      return false;
    }
  }

  /** Whether this pair is consistent (the JWKS is the public half of the private key). */
  public boolean consistent() {
    return matches(jwtPrivateKey, jwks);
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ProvisionException invalid(String message, String hint) {
    return ProvisionException.of(message, hint);
  }

  @Override
  public String toString() {
    return "JwtKeys[jwtPrivateKey=(sensitive), jwks=" + jwks + "]";
  }
}
