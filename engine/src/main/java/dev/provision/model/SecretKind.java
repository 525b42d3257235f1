package dev.provision.model;

import java.util.Optional;

/**
 * The secrets a deployment can have, each with its one address, its key in the secrets file and the
 * words a person reads. The only place these three names are spelled.
 */
public enum SecretKind {
  INSTANCE_SECRET("instance", "instanceSecret", "instance secret"),
  POSTGRES_PASSWORD("postgres-password", "postgresPassword", "Postgres password"),
  JWT_PRIVATE_KEY("jwt-private-key", "jwtPrivateKey", "JWT private key");

  private final Address address;
  private final String fileKey;
  private final String label;

  SecretKind(String addressName, String fileKey, String label) {
    this.address = Address.of(Address.Kind.SECRET, addressName);
    this.fileKey = fileKey;
    this.label = label;
  }

  /** The secret's address in plans, e.g. {@code secret.instance}. */
  public Address address() {
    return address;
  }

  /** Its entry in the secrets file, e.g. {@code instanceSecret}. */
  public String fileKey() {
    return fileKey;
  }

  /** What a person reads, e.g. {@code instance secret}. */
  public String label() {
    return label;
  }

  /** The secret at {@code address}, if it names one. */
  public static Optional<SecretKind> at(Address address) {
    for (SecretKind k : values()) {
      if (k.address.equals(address)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
