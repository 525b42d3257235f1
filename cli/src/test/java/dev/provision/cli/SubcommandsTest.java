package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the subcommand it names; anything else sees every subcommand. */
class SubcommandsTest {
  private static final Main MAIN = new Main(null);

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    CommandLine line = Subcommands.commandLine(MAIN, new String[] {"apply", "spec.yaml"});
    assertThat(line.getSubcommands().keySet()).containsExactly("apply");
  }

  @Test
  void noArgumentsAnOptionOrAnUnknownWordBuildThemAll() {
    for (String[] args :
        new String[][] {{}, {"--help"}, {"--version"}, {"aply", "spec.yaml"}, {"spec.yaml"}}) {
      assertThat(Subcommands.commandLine(MAIN, args).getSubcommands())
          .hasSize(Subcommands.ALL.size());
    }
  }

  @Test
  void startUpPreparesATargetOnlyForCommandsThatMayReachOne() {
    assertThat(Subcommands.reachesTarget(new String[] {"apply", "spec.yaml", "--yes"})).isTrue();
    assertThat(Subcommands.reachesTarget(new String[] {"plan", "a.yaml", "b.yaml"})).isTrue();
    assertThat(Subcommands.reachesTarget(new String[] {"status", "spec.yaml"})).isTrue();
    assertThat(Subcommands.reachesTarget(new String[] {"validate", "spec.yaml"})).isFalse();
    assertThat(Subcommands.reachesTarget(new String[] {"render", "spec.yaml"})).isFalse();
    assertThat(Subcommands.reachesTarget(new String[] {"plan", "s.yaml", "--against", "empty"}))
        .isFalse();
    assertThat(Subcommands.reachesTarget(new String[] {"plan", "s.yaml", "--against=empty"}))
        .isFalse();
    assertThat(Subcommands.reachesTarget(new String[] {})).isFalse();
    assertThat(Subcommands.reachesTarget(new String[] {"plan", "s.yaml", "--against", "live"}))
        .isTrue();
    assertThat(Subcommands.reachesTarget(new String[] {"plan", "s.yaml", "--against=live"}))
        .isTrue();
    assertThat(Subcommands.reachesTarget(new String[] {"plan", "s.yaml", "--against", "old.yaml"}))
        .isFalse();
  }

  /** The written-out names agree with the annotations picocli reads, and no command has another. */
  @Test
  void everySubcommandIsFoundByTheNameItsAnnotationGivesAndByNoOther() {
    for (Class<?> c : Subcommands.ALL) {
      CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
      assertThat(Subcommands.named(command.name())).isEqualTo(c);
      assertThat(command.aliases()).as(command.name()).isEmpty();
    }
    assertThat(Subcommands.ALL).doesNotHaveDuplicates();
    assertThat(CliRunner.run("--help").out())
        .contains(
            Subcommands.ALL.stream()
                .map(c -> "  " + c.getAnnotation(CommandLine.Command.class).name())
                .toList());
    assertThat(Subcommands.named("aply")).isNull();
  }

  @Test
  void aMistypedSubcommandStillGetsSuggestionsAndHelpListsThemAll() {
    assertThat(CliRunner.run("aply").err()).contains("apply");
    assertThat(CliRunner.run("--help").out())
        .contains("validate", "render", "env-file", "auth-config", "doctor", "admin-key");
    assertThat(CliRunner.run("apply", "--help").out()).contains("--yes");
  }
}
