package dev.provision.driver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** The few commands the in-memory host can "run" in a container, with their real exit codes. */
final class FakeCommands {
  private FakeCommands() {}

  static ExecResult run(List<String> command, FakeContainer c, boolean neverReady) {
    String program = command.isEmpty() ? "" : command.get(0);
    List<String> args = command.isEmpty() ? List.of() : command.subList(1, command.size());
    switch (program) {
      case "pg_isready":
        return neverReady
            ? new ExecResult(2, "127.0.0.1:5432 - no response\n", "")
            : new ExecResult(0, "127.0.0.1:5432 - accepting connections\n", "");
      case "true":
        return new ExecResult(0, "", "");
      case "false":
        return new ExecResult(1, "", "");
      case "echo":
        return new ExecResult(0, String.join(" ", args) + "\n", "");
      case "env":
        return new ExecResult(0, c.spec.env().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().text() + "\n").collect(Collectors.joining()), "");
      case "cat":
        byte[] file = args.isEmpty() ? null : c.files.get(args.get(0));
        return file == null
            ? new ExecResult(1, "", "cat: " + String.join(" ", args) + ": No such file or directory\n")
            : new ExecResult(0, new String(file, StandardCharsets.UTF_8), "");
      default:
        return new ExecResult(127, "", program + ": command not found\n");
    }
  }
}
