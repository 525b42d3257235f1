package dev.provision.cli;

import dev.provision.engine.Engine;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What every command needs from the edge: the streams, the environment, whether to colour output,
 * whether a person is at a terminal (to ask for confirmation) and the engine.
 */
record Cli(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    boolean color,
    Engine engine,
    boolean terminal) {

  /** The same edge over another engine (one run of several specs: {@link Engine#forSeveral}). */
  Cli withEngine(Engine other) {
    return new Cli(out, err, env, color, other, terminal);
  }
}
