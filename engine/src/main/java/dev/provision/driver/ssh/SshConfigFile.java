package dev.provision.driver.ssh;

import dev.provision.diag.BoundedFile;
import dev.provision.model.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the OpenSSH client config a target names: {@code target.ssh.configFile}, else {@code
 * ~/.ssh/config} when it exists; {@code none} reads nothing. A named file that does not exist is an
 * error; the default one may be missing.
 */
final class SshConfigFile {
  static final String DEFAULT = "~/.ssh/config";
  private static final int MAX_BYTES = 1024 * 1024;

  private SshConfigFile() {}

  static SshConfig read(Target.Ssh target, String home) {
    String name = target.configFile();
    if (Target.Ssh.NO_CONFIG.equals(name)) {
      return SshConfig.empty();
    }
    Path file = SshConnector.expand(name == null ? DEFAULT : name, home);
    if (name == null && !Files.exists(file)) {
      return SshConfig.empty();
    }
    byte[] bytes = BoundedFile.read(file, "OpenSSH config file (target.ssh.configFile)", MAX_BYTES);
    return SshConfig.parse(new String(bytes, StandardCharsets.UTF_8));
  }
}
