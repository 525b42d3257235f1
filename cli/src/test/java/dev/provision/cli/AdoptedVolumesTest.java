package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * destroy --delete-data deletes a volume provision adopted only once it was named: typed at a
 * terminal, or by --delete-adopted-volumes where nobody can be asked.
 */
class AdoptedVolumesTest {
  private final StringWriter out = new StringWriter();

  private java.util.function.Supplier<String> answers(String... lines) {
    Deque<String> queue = new ArrayDeque<>(Arrays.asList(lines));
    return () -> queue.isEmpty() ? null : queue.poll();
  }

  @Test
  void withoutATerminalTheFlagDeletesEveryAdoptedVolume() {
    assertThat(AdoptedVolumes.unattended(false, true, List.of("a-data", "b-pg")))
        .containsExactlyInAnyOrder("a-data", "b-pg");
  }

  @Test
  void withoutATerminalAndWithoutTheFlagNothingAdoptedIsDeleted() {
    assertThat(AdoptedVolumes.unattended(false, false, List.of("a-data"))).isEmpty();
  }

  @Test
  void onATerminalTheFlagDoesNotSpareTheQuestion() {
    assertThat(AdoptedVolumes.unattended(true, true, List.of("a-data"))).isEmpty();
  }

  @Test
  void onATerminalTheTypedNameDeletesAndAnEmptyAnswerKeeps() {
    var confirmed =
        AdoptedVolumes.ask(
            new PrintWriter(out, true), List.of("a-data", "b-pg"), answers("a-data", ""));
    assertThat(confirmed).containsExactly("a-data");
    assertThat(out.toString())
        .isEqualTo(
            "Volume a-data was made outside provision (adopted). Type its name to delete it and"
                + " its data as well, or press Enter to keep it: Volume a-data is deleted as"
                + " well.\n"
                + "Volume b-pg was made outside provision (adopted). Type its name to delete it and"
                + " its data as well, or press Enter to keep it: Keeping volume b-pg.\n");
  }

  @Test
  void anyOtherAnswerOrTheEndOfInputCancelsEverything() {
    PrintWriter w = new PrintWriter(out, true);
    assertThatThrownBy(() -> AdoptedVolumes.ask(w, List.of("a-data"), answers("yes")))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cancelled: nothing was changed")
        .hasMessageContaining("answer the volume's name (a-data) to delete it");
    assertThatThrownBy(() -> AdoptedVolumes.ask(w, List.of("a-data"), answers()))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("cancelled: nothing was changed");
  }

  @Test
  void theFlagWithoutDeleteDataIsRefusedBeforeTheTargetIsOpened() {
    CliRun run = CliRun.of("destroy", "no-such-spec.yaml", "--yes", "--delete-adopted-volumes");
    assertThat(run.exit()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .contains("--delete-adopted-volumes needs --delete-data: without it no data is deleted")
        .contains("add --delete-data, or leave out --delete-adopted-volumes");
  }
}
