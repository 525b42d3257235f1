package dev.provision.functions;

import dev.provision.diag.ProvisionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content hash of an app's functions: every file under {@code convex/} except {@code
 * convex/_generated/} (which the CLI rewrites on each push), by relative path and content, plus the
 * lock file ({@code package-lock.json}), which fixes the CLI and every bundled dependency. Equal
 * hashes mean the same push; the hash is remembered in the deployment ({@link FunctionsState}).
 */
public final class FunctionsHash {
  static final String GENERATED = "_generated";
  static final String LOCK = "package-lock.json";

  private FunctionsHash() {}

  /** Lower-case hex SHA-256 over the app folder {@code dir}. */
  public static String of(Path dir) {
    Path convex = dir.resolve("convex");
    try (Stream<Path> walk = Files.walk(convex)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !convex.relativize(p).startsWith(GENERATED))
              .sorted()
              .toList();
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        add(digest, "convex/" + convex.relativize(f).toString().replace('\\', '/'), f);
      }
      Path lock = dir.resolve(LOCK);
      if (Files.isRegularFile(lock)) {
        add(digest, LOCK, lock);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | UncheckedIOException e) {
      throw ProvisionException.of(
          "cannot read the app's functions in " + convex + ": " + e.getMessage(),
          "check that the folder is readable");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(MessageDigest digest, String name, Path file) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] content = Files.readAllBytes(file);
    // lengths first, so no two different sets of files hash alike
    digest.update(longBytes(nameBytes.length));
    digest.update(nameBytes);
    digest.update(longBytes(content.length));
    digest.update(content);
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }
}
