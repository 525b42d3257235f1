package dev.provision.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI jar carries picocli's classes at class version 50 with stack map frames (a build step, so
 * that the class-data archive takes them). This checks that the rewritten classes behave as the
 * library does: the jar, run without any archive, answers exactly as the same commands run on the
 * unmodified picocli of the test class path, for help, version, usage errors, suggestions and
 * commands that parse and run.
 */
class ShadedPicocliIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("cli/target/provision.jar");
  private static final String SPEC = ROOT.resolve("specs/quickstart.yaml").toString();

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--help",
        "--version",
        "",
        "plan --help",
        "apply --help",
        "status --help",
        "admin-key --help",
        "plan",
        "plan --nope SPEC",
        "plann SPEC",
        "apply --parallel x SPEC SPEC",
        "validate SPEC",
        "plan --against empty SPEC",
        "plan --against empty --json SPEC",
        "render SPEC --set backend.image=x:1"
      })
  void theRewrittenClassesAnswerAsTheLibraryDoes(String line) throws Exception {
    List<String> args = new ArrayList<>();
    for (String word : line.split(" ")) {
      if (!word.isEmpty()) {
        args.add(word.equals("SPEC") ? SPEC : word);
      }
    }
    List<String> shaded = new ArrayList<>(List.of(java(), "-Xshare:off", "-jar", JAR.toString()));
    shaded.addAll(args);
    List<String> library =
        new ArrayList<>(
            List.of(
                java(),
                "-Xshare:off",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.provision.cli.Main"));
    library.addAll(args);

    Result fromJar = run(shaded, "jar");
    Result fromLibrary = run(library, "library");

    assertThat(fromJar.out).isEqualTo(fromLibrary.out);
    assertThat(fromJar.exit).isEqualTo(fromLibrary.exit);
    assertThat(fromJar.out).doesNotContain("VerifyError", "ClassFormatError");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Result(int exit, String out) {}

  private Result run(List<String> command, String name) throws Exception {
    Path out = work.resolve(name + ".txt");
    ProcessBuilder b =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    b.environment().remove("PROVISION_JAVA_OPTS");
    b.environment().put("NO_COLOR", "1");
    Process p = b.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out));
  }
}
