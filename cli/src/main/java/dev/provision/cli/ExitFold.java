package dev.provision.cli;

import java.util.List;

/**
 * The exit code of a several-spec run: the worst of its deployments' codes, in this order (worst
 * first): 143 (SIGTERM), 130 (SIGINT), 1 (an error), 2 (changes, with --detailed-exitcode), 0.
 */
final class ExitFold {
  private static final List<Integer> WORST_FIRST =
      List.of(ExitCodes.SIGTERM, ExitCodes.SIGINT, ExitCodes.ERROR, ExitCodes.CHANGES);

  private ExitFold() {}

  /** The worse of two exit codes; a code not in the order counts as an error. */
  static int worse(int a, int b) {
    return rank(a) <= rank(b) ? a : b;
  }

  /** The worst of {@code codes}; 0 when there are none. */
  static int worst(Iterable<Integer> codes) {
    int worst = ExitCodes.OK;
    for (int code : codes) {
      worst = worse(worst, code);
    }
    return worst;
  }

  private static int rank(int code) {
    if (code == ExitCodes.OK) {
      return WORST_FIRST.size() + 1;
    }
    int at = WORST_FIRST.indexOf(code);
    return at >= 0 ? at : WORST_FIRST.indexOf(ExitCodes.ERROR);
  }
}
