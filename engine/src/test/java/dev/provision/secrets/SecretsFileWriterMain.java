package dev.provision.secrets;

import java.nio.file.Path;

/**
 * A second process for {@link SecretsFileConcurrencyTest}: writes {@code COUNT} entries named
 * {@code PREFIX-0..} to the secrets file at {@code PATH}, each through its own read-modify-write.
 */
public final class SecretsFileWriterMain {
  private SecretsFileWriterMain() {}

  public static void main(String[] args) {
    SecretsFile file = new SecretsFile(Path.of(args[0]));
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      file.put(args[1] + "-" + i, "value-" + args[1] + "-" + i);
    }
  }
}
