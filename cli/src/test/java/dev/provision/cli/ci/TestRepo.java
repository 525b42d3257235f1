package dev.provision.cli.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway git repository for tests of the pull-request workflow: write files, commit, run git.
 * Git runs without the machine's or user's configuration (no signing, no hooks, a fixed author).
 */
final class TestRepo {
  final Path root;

  TestRepo(Path root) throws IOException, InterruptedException {
    this.root = Files.createDirectories(root);
    git("init", "-q", "-b", "main");
  }

  /** The environment git needs here, also for the script under test. */
  static Map<String, String> gitEnv() {
    return Map.of(
        "GIT_CONFIG_NOSYSTEM", "1",
        "GIT_CONFIG_GLOBAL", "/dev/null",
        "GIT_AUTHOR_NAME", "Test",
        "GIT_AUTHOR_EMAIL", "test@example.com",
        "GIT_COMMITTER_NAME", "Test",
        "GIT_COMMITTER_EMAIL", "test@example.com");
  }

  void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  void delete(String path) throws IOException {
    Files.delete(root.resolve(path));
  }

  /** Commits everything and returns the new commit's id. */
  String commit(String message) throws IOException, InterruptedException {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  /** Runs git here and returns its output; fails the test when git fails. */
  String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().putAll(gitEnv());
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + output);
    }
    return output;
  }
}
