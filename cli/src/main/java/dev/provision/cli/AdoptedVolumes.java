package dev.provision.cli;

import dev.provision.diag.ProvisionException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Which volumes made outside provision (adopted) a {@code destroy --delete-data} deletes. Each is
 * deleted only after it was named: on a terminal the person types its name (Enter keeps it);
 * without a terminal only {@code --delete-adopted-volumes} deletes them, otherwise they are kept
 * and the plan's warning names each one and the flag.
 */
final class AdoptedVolumes {
  private AdoptedVolumes() {}

  /**
   * The adopted volumes deleted without asking: all of them when nobody can be asked (no terminal)
   * and {@code --delete-adopted-volumes} was given; none otherwise.
   */
  static Set<String> unattended(boolean terminal, boolean flag, List<String> adopted) {
    return !terminal && flag ? Set.copyOf(adopted) : Set.of();
  }

  /**
   * Asks for each adopted volume on a terminal: its exact name deletes it, an empty answer keeps
   * it, anything else cancels the whole destroy (nothing was changed yet).
   *
   * @param lines reads one answer; null at the end of input
   */
  static Set<String> ask(PrintWriter out, List<String> adopted, Supplier<String> lines) {
    Set<String> confirmed = new TreeSet<>();
    for (String volume : adopted) {
      out.print(
          "Volume "
              + volume
              + " was made outside provision (adopted). Type its name to delete it and its data"
              + " as well, or press Enter to keep it: ");
      out.flush();
      String answer = lines.get();
      String typed = answer == null ? null : answer.strip();
      if (volume.equals(typed)) {
        confirmed.add(volume);
        out.println("Volume " + volume + " is deleted as well.");
      } else if (typed != null && typed.isEmpty()) {
        out.println("Keeping volume " + volume + ".");
      } else {
        throw ProvisionException.of(
            "cancelled: nothing was changed",
            "answer the volume's name (" + volume + ") to delete it, or an empty line to keep it");
      }
    }
    return confirmed;
  }
}
