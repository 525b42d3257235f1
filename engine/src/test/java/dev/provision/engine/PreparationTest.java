package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.provision.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparationTest {
  @Test
  void runsTwiceWithoutThrowing() {
    assertThatCode(Preparation::run).doesNotThrowAnyException();
    assertThatCode(Preparation::run).doesNotThrowAnyException();
  }

  @Test
  void aSpecReadAfterPreparingReportsItsOwnErrorsOnly(@TempDir Path dir) throws Exception {
    Preparation.run();
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "version: 1\ndeployment: app\nbackend: {imagee: x}\n");
    assertThatCode(() -> new SpecReader(Map.of()).read(spec, List.of()))
        .hasMessageContaining("imagee")
        .hasMessageNotContaining("prepare");
  }

  @Test
  void aBackgroundStartNeverBlocksTheCaller() {
    assertThatCode(Preparation::startInBackground).doesNotThrowAnyException();
    assertThat(Thread.currentThread().isDaemon()).isFalse();
  }
}
