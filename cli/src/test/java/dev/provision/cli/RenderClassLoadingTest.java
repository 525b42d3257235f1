package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes model is loaded by {@code render} only: a {@code plan} in a fresh JVM with {@code
 * -verbose:class} loads no {@code io.fabric8} class, while {@code render} does (which shows the
 * check would see them). Start-up of the other commands pays nothing for it.
 */
class RenderClassLoadingTest {
  private static final String SPEC = "../specs/quickstart.yaml";

  @TempDir Path dir;

  @Test
  void planLoadsNoKubernetesClass() throws Exception {
    String loaded = loadedClasses("plan", SPEC, "--against", "empty");
    assertThat(loaded).contains("dev.provision.plan.Planner");
    assertThat(loaded).doesNotContain("io.fabric8").doesNotContain("KubernetesRenderer");
  }

  @Test
  void renderLoadsTheKubernetesModel() throws Exception {
    assertThat(loadedClasses("render", SPEC, "--to", "kubernetes"))
        .contains("io.fabric8.kubernetes.api.model.apps.StatefulSet");
  }

  /** The classes a fresh JVM loads running the CLI with {@code args}. */
  private String loadedClasses(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-verbose:class");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text.substring(Math.max(0, text.length() - 2000))).isZero();
    return text;
  }
}
