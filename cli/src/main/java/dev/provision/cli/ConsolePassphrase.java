package dev.provision.cli;

import dev.provision.driver.ssh.PassphrasePrompt;
import java.io.Console;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks for an SSH key's passphrase on the console, without echo, once per key in a run (several
 * deployments on the same host ask once). Used only when a console is attached; the engine itself
 * never prompts. An empty answer means no passphrase.
 */
final class ConsolePassphrase implements PassphrasePrompt {
  private final Console console;
  private final Map<String, char[]> answers = new HashMap<>();

  private ConsolePassphrase(Console console) {
    this.console = console;
  }

  /** A console prompt when {@code terminal} and a console is attached, else no prompt at all. */
  static PassphrasePrompt forTerminal(boolean terminal) {
    Console console = terminal ? System.console() : null;
    return console == null ? PassphrasePrompt.NONE : new ConsolePassphrase(console);
  }

  @Override
  public synchronized Optional<char[]> ask(String prompt) {
    char[] known = answers.get(prompt);
    if (known != null) {
      return Optional.of(known.clone());
    }
    char[] typed = console.readPassword("%s", prompt);
    if (typed == null || typed.length == 0) {
      return Optional.empty();
    }
    answers.put(prompt, typed);
    return Optional.of(typed.clone());
  }
}
