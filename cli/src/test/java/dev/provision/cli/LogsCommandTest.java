package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The argument checks of {@code provision logs}, which run before any target is touched. */
class LogsCommandTest {
  @Test
  void anUnknownServiceIsAUsageErrorNamingTheChoices() {
    CliRunner.Result r = CliRunner.run("logs", "../specs/quickstart.yaml", "nginx");
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err())
        .contains("unknown service 'nginx'; expected one of: backend, dashboard, postgres, proxy");
  }

  @Test
  void theProxyOfASpecWithoutOneIsNamedAsMissing() {
    CliRunner.Result r = CliRunner.run("logs", "../specs/quickstart.yaml", "proxy");
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("the spec of deployment quickstart has no proxy container");
  }

  @Test
  void aBadSinceSaysWhatIsAccepted() {
    CliRunner.Result r = CliRunner.run("logs", "../specs/quickstart.yaml", "--since", "soon");
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("'soon' is neither a duration");
  }

  @Test
  void aNegativeTailIsAUsageError() {
    CliRunner.Result r = CliRunner.run("logs", "../specs/quickstart.yaml", "--tail", "-1");
    assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
    assertThat(r.err()).contains("--tail must be 0 or more, was -1");
  }
}
