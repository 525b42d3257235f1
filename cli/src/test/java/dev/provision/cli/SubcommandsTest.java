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

  @Test
  void everySubcommandIsFoundByItsName() {
    for (Class<?> c : Subcommands.ALL) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      assertThat(Subcommands.named(name)).isEqualTo(c);
    }
  }

  @Test
  void aMistypedSubcommandStillGetsSuggestionsAndHelpListsThemAll() {
    assertThat(CliRunner.run("aply").err()).contains("apply");
    assertThat(CliRunner.run("--help").out())
        .contains("validate", "render", "env-file", "auth-config", "doctor", "admin-key");
    assertThat(CliRunner.run("apply", "--help").out()).contains("--yes");
  }
}
