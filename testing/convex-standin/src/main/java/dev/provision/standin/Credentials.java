package dev.provision.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN ONLY. The instance name and secret, chosen the way the Convex backend's start
 * script chooses them: the environment wins, then the file under {@code credentials/}, then a
 * default (a fixed name, a fresh random secret). Both files are rewritten on every start. Not an
 * admin-key implementation: keys are checked by {@link StandinKeyVerifier}.
 *
 * @param name the instance name
 * @param secretHex the instance secret, 64 lowercase or uppercase hex characters
 */
public record Credentials(String name, String secretHex) {
  /** The name used when neither the environment nor the volume names the instance. */
  public static final String DEFAULT_NAME = "convex-self-hosted";

  private static final Pattern SECRET = Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * Chooses name and secret from {@code env} ({@code INSTANCE_NAME}, {@code INSTANCE_SECRET}), then
   * the files in {@code credentialsDir}, then the defaults.
   *
   * @throws StartupFailure when the chosen secret is not exactly 64 hex characters
   */
  public static Credentials resolve(
      Map<String, String> env, Path credentialsDir, Supplier<String> randomSecret)
      throws StartupFailure {
    String name =
        choose(env.get("INSTANCE_NAME"), readFile(credentialsDir.resolve("instance_name")))
            .orElse(DEFAULT_NAME);
    String secret =
        choose(env.get("INSTANCE_SECRET"), readFile(credentialsDir.resolve("instance_secret")))
            .orElseGet(randomSecret);
    if (!SECRET.matcher(secret).matches()) {
      throw new StartupFailure(
          "Invalid instance secret: expected 64 hex characters (32 bytes), found "
              + secret.length()
              + " characters");
    }
    return new Credentials(name, secret);
  }

  /** The first non-empty of the environment value and the file value. */
  static Optional<String> choose(String envValue, Optional<String> fileValue) {
    if (envValue != null && !envValue.isEmpty()) {
      return Optional.of(envValue);
    }
    return fileValue.filter(v -> !v.isEmpty());
  }

  /** A fresh random secret: 32 bytes as 64 lowercase hex characters. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Writes both files, as the real start script does on every start. */
  public void write(Path credentialsDir) throws IOException {
    Files.createDirectories(credentialsDir);
    Files.writeString(credentialsDir.resolve("instance_name"), name, StandardCharsets.UTF_8);
    Files.writeString(credentialsDir.resolve("instance_secret"), secretHex, StandardCharsets.UTF_8);
  }

  /** The secret's 32 bytes. */
  public byte[] secretBytes() {
    return HexFormat.of().parseHex(secretHex);
  }

  /** The Postgres database the backend uses: the instance name with {@code -} as {@code _}. */
  public String databaseName() {
    return name.replace('-', '_');
  }

  /** Shows the name only: the secret never appears in logs. */
  @Override
  public String toString() {
    return "Credentials[name=" + name + ", secret=<redacted>]";
  }

  /** The file's content without trailing newlines (like shell command substitution), if present. */
  private static Optional<String> readFile(Path file) throws StartupFailure {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).replaceAll("\n+$", ""));
    } catch (IOException e) {
      throw new StartupFailure("cannot read " + file + ": " + e.getMessage());
    }
  }
}
