package dev.provision.exec.steps;

import dev.provision.diag.BoundedFile;
import dev.provision.diag.ProvisionException;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.outputs.EnvFileContent;
import dev.provision.secrets.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes the lines the engine owns in the app's env file (such as .env.local), removes conflicting
 * ones, keeps every other line, and leaves the file 0600 (it holds an admin key). Undo restores the
 * previous content, or removes a file this step created.
 */
public final class WriteEnvFileStep extends BaseStep {
  /** Largest env file read (it is the app's: a few lines): 1 MiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  private final Path path;
  private final Supplier<Map<String, String>> entries;

  /** {@code entries} is asked only when the step runs (the admin key is issued then). */
  public WriteEnvFileStep(
      String id, List<String> dependsOn, Path path, Supplier<Map<String, String>> entries) {
    super(id, dependsOn);
    this.path = path;
    this.entries = entries;
  }

  @Override
  public String description() {
    return "write " + path;
  }

  @Override
  public Applied apply(StepContext context) {
    Optional<String> previous = read(path);
    String text =
        EnvFileContent.parse(previous.orElse(""))
            .with(entries.get(), EnvFileContent.CONFLICTING)
            .text();
    write(path, text);
    return Applied.of(
        Undo.of(
            previous.isPresent() ? "restore the previous " + path : "remove " + path,
            c -> {
              if (previous.isPresent()) {
                write(path, previous.get());
              } else {
                Files.deleteIfExists(path);
              }
            }));
  }

  /** The file's text, empty when it does not exist; a regular file of at most 1 MiB. */
  public static Optional<String> read(Path path) {
    return Files.exists(path)
        ? Optional.of(
            new String(BoundedFile.read(path, "env file", MAX_BYTES), StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /**
   * Writes atomically and durably, the file created 0600 in one step (a missing folder 0700), so
   * the admin key is never readable by others, not even for a moment ({@link PrivateFiles}).
   */
  public static void write(Path path, String text) {
    try {
      PrivateFiles.replace(path, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write " + path + ": " + e.getMessage(),
          "check that its folder is writable (outputs.envFile in the spec)");
    }
  }
}
