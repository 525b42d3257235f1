package dev.provision.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the command line with captured streams, for tests. */
record CliRun(int exit, String out, String err) {
  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), env, false);
    return new CliRun(exit, out.toString(), err.toString());
  }

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /** Both streams, for "this never appears anywhere" assertions. */
  String all() {
    return out + err;
  }
}
