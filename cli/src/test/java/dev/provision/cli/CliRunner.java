package dev.provision.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process with captured streams and a fixed environment, as a user would. */
final class CliRunner {
  /** The environment the examples' references need; values are recognisable so leaks are caught. */
  static final Map<String, String> ENV =
      Map.of(
          "AUTH_GITHUB_SECRET", "gh-secret-value-0001",
          "PGPASSWORD", "pg-password-value-0002",
          "CONVEX_INSTANCE_SECRET", "ab".repeat(32),
          "OPENAI_API_KEY", "sk-openai-value-0003");

  private CliRunner() {}

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), ENV, false);
    return new Result(code, out.toString(), err.toString());
  }
}
