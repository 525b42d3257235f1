package dev.provision.exec.steps;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;

/** Errors about containers an earlier, unfinished apply left behind. */
final class Leftovers {
  private Leftovers() {}

  static ProvisionException previousExists(String prev, String name) {
    return new ProvisionException(
        Diagnostic.error(null, null, "container " + prev + " from an earlier apply still exists")
            .withFound("a stopped " + prev + " beside " + name)
            .withHint(
                "An earlier apply kept the old "
                    + name
                    + " as "
                    + prev
                    + " and did not finish (its journal is in .provision/journal). If "
                    + name
                    + " works, remove "
                    + prev
                    + " (docker rm "
                    + prev
                    + "); then run apply again."));
  }
}
