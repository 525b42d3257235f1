package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Asks a person to confirm before the target changes. Without a terminal (CI) nothing is asked and
 * the command refuses unless --yes was given, so an unattended run never hangs on a prompt.
 */
final class Confirm {
  private Confirm() {}

  /** Returns normally when confirmed; throws when refused or when nobody can be asked. */
  static void ask(Cli cli, String question, String expected, String what) {
    if (!cli.terminal()) {
      throw ProvisionException.of(
          "refusing to " + what + " without confirmation: there is no terminal to ask",
          "pass --yes to confirm (as in CI)");
    }
    cli.out().print(question + " Only '" + expected + "' is accepted: ");
    cli.out().flush();
    String answer = readLine();
    if (answer == null || !answer.strip().equals(expected)) {
      throw ProvisionException.of(
          "cancelled: nothing was changed", "answer '" + expected + "' to go ahead");
    }
  }

  /** One line typed at the terminal, null at the end of input. */
  static String readLine() {
    try {
      return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
          .readLine();
    } catch (IOException e) {
      return null;
    }
  }
}
