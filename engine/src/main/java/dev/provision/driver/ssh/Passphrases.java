package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the passphrase of an encrypted identity file comes from, tried in this order: the
 * environment variable the spec names ({@code target.ssh.passphraseEnv}), the {@code SSH_ASKPASS}
 * program when that variable is set (run with the prompt as its argument, as OpenSSH does with
 * {@code SSH_ASKPASS_REQUIRE=force}), then the {@link PassphrasePrompt} (a console, when the CLI
 * has one). The passphrase is never logged and never appears in a message.
 */
final class Passphrases {
  private static final int ASKPASS_TIMEOUT_SECONDS = 120;

  /** Where a passphrase came from, as messages name it. */
  record Found(char[] passphrase, String source) {}

  private final String envName;
  private final Map<String, String> env;
  private final PassphrasePrompt prompt;

  Passphrases(String envName, Map<String, String> env, PassphrasePrompt prompt) {
    this.envName = envName;
    this.env = env;
    this.prompt = prompt;
  }

  /** The passphrase for {@code key}, or empty when no source has one. */
  Optional<Found> find(Path key) {
    if (envName != null) {
      String value = env.get(envName);
      if (value == null) {
        throw ProvisionException.of(
            "the environment variable "
                + envName
                + " (target.ssh.passphraseEnv) is not set; it should hold the passphrase of "
                + key,
            "export " + envName + " before running provision, or remove target.ssh.passphraseEnv");
      }
      return Optional.of(new Found(value.toCharArray(), "the environment variable " + envName));
    }
    String askpass = env.get("SSH_ASKPASS");
    if (askpass != null && !askpass.isBlank()) {
      return Optional.of(new Found(askpass(askpass, key), "SSH_ASKPASS (" + askpass + ")"));
    }
    return prompt
        .ask("Enter passphrase for key '" + key + "': ")
        .map(p -> new Found(p, "the passphrase typed"));
  }

  private static char[] askpass(String program, Path key) {
    try {
      Process p =
          new ProcessBuilder(List.of(program, "Enter passphrase for key '" + key + "': "))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(ASKPASS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw askpassFailed(program, key, "no answer within " + ASKPASS_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw askpassFailed(program, key, "it exited with " + p.exitValue());
      }
      String text = new String(out, StandardCharsets.UTF_8);
      Arrays.fill(out, (byte) 0);
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      return text.substring(0, end).toCharArray();
    } catch (IOException e) {
      throw askpassFailed(program, key, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw askpassFailed(program, key, "interrupted");
    }
  }

  private static ProvisionException askpassFailed(String program, Path key, String why) {
    return ProvisionException.of(
        "SSH_ASKPASS (" + program + ") gave no passphrase for " + key + ": " + why,
        "check the SSH_ASKPASS program, unset SSH_ASKPASS, or load the key into ssh-agent"
            + " (ssh-add "
            + key
            + ")");
  }
}
