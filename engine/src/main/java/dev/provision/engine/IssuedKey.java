package dev.provision.engine;

import java.util.Objects;

/**
 * An admin key issued locally for a deployment, and where the secret that signed it came from (for
 * a note to the user; adoption is never silent). The key is a secret: {@link #toString()} hides it.
 *
 * @param key {@code <instance name>|<hex>}
 * @param source where the instance secret was found, e.g. "the secrets file .provision/app.json"
 */
public record IssuedKey(String key, String source) {
  public IssuedKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return "IssuedKey[key=(sensitive), source=" + source + "]";
  }
}
