package dev.provision.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The subcommands of {@code provision}, and the command line built for one run. Picocli builds the
 * model of every command it is given by reflection (options, mixins, converters) before it parses a
 * word; when the first argument names a subcommand, only that one is built, which takes the other
 * sixteen models off the start of every run. Anything else (no argument, an option such as {@code
 * --help}, a mistyped name that picocli answers with suggestions) gets all of them.
 */
final class Subcommands {
  /**
   * Each subcommand by the name its {@code @Command} gives it, in the order {@code provision
   * --help} lists them. Written out rather than read from the annotations: reading seventeen
   * classes' annotations cost every run about 30 ms before anything else could start ({@code
   * SubcommandsTest} checks that the two agree).
   */
  private static final Map<String, Class<?>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("validate", ValidateCommand.class);
    BY_NAME.put("plan", PlanCommand.class);
    BY_NAME.put("show", ShowCommand.class);
    BY_NAME.put("apply", ApplyCommand.class);
    BY_NAME.put("deploy-functions", DeployFunctionsCommand.class);
    BY_NAME.put("destroy", DestroyCommand.class);
    BY_NAME.put("unlock", UnlockCommand.class);
    BY_NAME.put("status", StatusCommand.class);
    BY_NAME.put("logs", LogsCommand.class);
    BY_NAME.put("backup", BackupCommand.class);
    BY_NAME.put("backups", BackupsCommand.class);
    BY_NAME.put("restore", RestoreCommand.class);
    BY_NAME.put("admin-key", AdminKeyCommand.class);
    BY_NAME.put("doctor", DoctorCommand.class);
    BY_NAME.put("auth-config", AuthConfigCommand.class);
    BY_NAME.put("env-file", EnvFileCommand.class);
    BY_NAME.put("render", RenderCommand.class);
  }

  /** In the order {@code provision --help} lists them. */
  static final List<Class<?>> ALL = List.copyOf(BY_NAME.values());

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

  /** The subcommand called {@code name}, null when none is (no subcommand has an alias). */
  static Class<?> named(String name) {
    return BY_NAME.get(name);
  }
}
