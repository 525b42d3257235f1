package dev.provision.driver.ssh;

import java.util.Optional;

/**
 * Asks a person for the passphrase of an identity file, for example on the terminal the CLI runs
 * on. The engine never prompts by itself: the CLI passes one of these only when a console is
 * attached, else {@link #NONE}. The prompt text names the key file, never a secret.
 */
@FunctionalInterface
public interface PassphrasePrompt {
  /** Never asks anyone. */
  PassphrasePrompt NONE = prompt -> Optional.empty();

  /** The passphrase typed in answer to {@code prompt}, or empty when nobody answered. */
  Optional<char[]> ask(String prompt);
}
