package dev.provision.cli;

import dev.provision.driver.LogRequest;
import dev.provision.engine.LogService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code provision logs SPEC [SERVICE]}: a container's log, read through the spec's target, with
 * every secret of the deployment masked. With {@code --follow}, Ctrl-C (or SIGTERM) ends the stream
 * cleanly and the exit code is 0.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Show a container's log (stdout and stderr) with every secret of the deployment masked.")
final class LogsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "SERVICE",
      converter = ServiceWord.class,
      description = "backend (default), dashboard, postgres or proxy.")
  LogService service = LogService.BACKEND;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep showing new lines until Ctrl-C.")
  boolean follow;

  @Option(
      names = "--since",
      paramLabel = "DURATION|TIMESTAMP",
      converter = Since.class,
      description = "Only lines since then: 10m, 1h30m, 2d, or 2026-11-29T08:00:00Z.")
  Instant since;

  @Option(
      names = "--tail",
      paramLabel = "N",
      description = "Only the last N lines (before following).")
  Integer tail;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    if (tail != null && tail < 0) {
      throw new picocli.CommandLine.ParameterException(
          command.commandLine(), "--tail must be 0 or more, was " + tail);
    }
    PrintWriter out = cli.out();
    LogRequest request =
        new LogRequest(
            follow,
            Optional.ofNullable(since),
            tail == null ? OptionalInt.empty() : OptionalInt.of(tail));
    AtomicBoolean stopped = new AtomicBoolean();
    Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    if (follow) {
      for (String name : new String[] {"INT", "TERM"}) {
        Signal signal = new Signal(name);
        previous.put(signal, Signal.handle(signal, s -> stopped.set(true)));
      }
    }
    try {
      cli.engine()
          .logs(
              spec,
              options.sets,
              service,
              request,
              text -> {
                out.print(text);
                out.flush();
              },
              stopped::get);
    } finally {
      previous.forEach(Signal::handle);
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** Reads the service as the user types it; an unknown one is an error naming the choices. */
  static final class ServiceWord implements ITypeConverter<LogService> {
    @Override
    public LogService convert(String value) {
      for (LogService s : LogService.values()) {
        if (s.word().equals(value)) {
          return s;
        }
      }
      StringBuilder choices = new StringBuilder();
      for (Iterator<LogService> i = Arrays.asList(LogService.values()).iterator(); i.hasNext(); ) {
        choices.append(i.next().word()).append(i.hasNext() ? ", " : "");
      }
      throw new TypeConversionException(
          "unknown service '" + value + "'; expected one of: " + choices);
    }
  }
}
