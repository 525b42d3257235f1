package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.engine.DoctorCheck;
import dev.provision.engine.DoctorCheck.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorViewTest {
  @Test
  void rendersOneLinePerCheckWithIndentedDetailAndHints() {
    List<DoctorCheck> checks =
        List.of(
            new DoctorCheck("target", Status.OK, "fake host answers", null),
            new DoctorCheck(
                "backend container",
                Status.FAIL,
                "app-backend is not running (exit code 1);" + " last log lines:\nstarting\nboom",
                "read its log"),
            new DoctorCheck(
                "backend version", Status.SKIP, "the backend container does not run", null),
            new DoctorCheck(
                "instance secret",
                Status.FAIL,
                "A and B\nthe secrets file is stale",
                "apply adopts\nenv-file writes"));

    assertThat(DoctorView.render(checks))
        .isEqualTo(
            "ok    target: fake host answers\n"
                + "FAIL  backend container: app-backend is not running (exit code 1); last log lines:\n"
                + "      starting\n"
                + "      boom\n"
                + "      hint: read its log\n"
                + "skip  backend version: the backend container does not run\n"
                + "FAIL  instance secret: A and B\n"
                + "      the secrets file is stale\n"
                + "      hint: apply adopts\n"
                + "      hint: env-file writes\n"
                + "verdict: 2 problems (1 ok, 2 failed, 1 skipped); fix the first one first: backend container\n");
  }

  @Test
  void healthyVerdict() {
    assertThat(
            DoctorView.verdict(
                List.of(
                    new DoctorCheck("target", Status.OK, "x", null),
                    new DoctorCheck("env file URL", Status.SKIP, "y", null))))
        .isEqualTo("verdict: healthy (1 ok, 0 failed, 1 skipped)");
  }
}
