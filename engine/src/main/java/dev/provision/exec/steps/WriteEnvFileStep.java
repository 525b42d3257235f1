package dev.provision.exec.steps;

import dev.provision.diag.ProvisionException;
import dev.provision.exec.Applied;
import dev.provision.exec.StepContext;
import dev.provision.exec.Undo;
import dev.provision.outputs.EnvFileContent;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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

  /** The file's text, empty when it does not exist. */
  public static Optional<String> read(Path path) {
    try {
      return Files.exists(path) ? Optional.of(Files.readString(path)) : Optional.empty();
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot read " + path + ": " + e.getMessage(), "check its permissions");
    }
  }

  /** Writes atomically with mode 0600. */
  public static void write(Path path, String text) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".env", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(tmp, text);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write " + path + ": " + e.getMessage(),
          "check that its folder is writable (outputs.envFile in the spec)");
    }
  }
}
