package dev.provision.engine;

/** The names of entries in the secrets file. */
final class SecretKeys {
  static final String INSTANCE_SECRET = "instanceSecret";
  static final String POSTGRES_PASSWORD = "postgresPassword";
  static final String JWT_PRIVATE_KEY = "jwtPrivateKey";

  private SecretKeys() {}
}
