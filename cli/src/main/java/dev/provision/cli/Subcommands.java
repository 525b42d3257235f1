package dev.provision.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The subcommands of {@code provision}, and the command line built for one run. Picocli builds the
 * model of every command it is given by reflection (options, mixins, converters) before it parses a
 * word; when the first argument names a subcommand, only that one is built, which takes the other
 * sixteen models off the start of every run. Anything else (no argument, an option such as {@code
 * --help}, a mistyped name that picocli answers with suggestions) gets all of them.
 */
final class Subcommands {
  /** In the order {@code provision --help} lists them. */
  static final List<Class<?>> ALL =
      List.of(
          ValidateCommand.class,
          PlanCommand.class,
          ShowCommand.class,
          ApplyCommand.class,
          DeployFunctionsCommand.class,
          DestroyCommand.class,
          UnlockCommand.class,
          StatusCommand.class,
          LogsCommand.class,
          BackupCommand.class,
          BackupsCommand.class,
          RestoreCommand.class,
          AdminKeyCommand.class,
          DoctorCommand.class,
          AuthConfigCommand.class,
          EnvFileCommand.class,
          RenderCommand.class);

  private Subcommands() {}

  /** {@code main} with the subcommand {@code args} names, or with all of them. */
  static CommandLine commandLine(Main main, String[] args) {
    CommandLine line = new CommandLine(main);
    Class<?> named = args.length == 0 ? null : named(args[0]);
    if (named != null) {
      line.addSubcommand(named);
    } else {
      ALL.forEach(line::addSubcommand);
    }
    return line;
  }

  /**
   * Whether the command {@code args} names may reach a target: not {@code validate}, {@code render}
   * or {@code admin-key}, nor a plan against an older spec or nothing ({@code --against FILE} or
   * {@code empty}; {@code --against live} is the target). A guess for start-up work only: a wrong
   * one costs time, never behaviour.
   */
  static boolean reachesTarget(String[] args) {
    if (args.length == 0) {
      return false;
    }
    Class<?> named = named(args[0]);
    if (named == ValidateCommand.class
        || named == RenderCommand.class
        || named == AdminKeyCommand.class) {
      return false;
    }
    for (int i = 0; i < args.length; i++) {
      String against =
          args[i].startsWith("--against=")
              ? args[i].substring("--against=".length())
              : args[i].equals("--against") && i + 1 < args.length ? args[i + 1] : null;
      if (against != null && !against.equals("live")) { // live: the target, as without it
        return false;
      }
    }
    return true;
  }

  /** The subcommand called {@code name} (or one of its aliases), null when none is. */
  static Class<?> named(String name) {
    for (Class<?> c : ALL) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(name) || List.of(command.aliases()).contains(name)) {
        return c;
      }
    }
    return null;
  }
}
