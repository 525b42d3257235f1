package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Severity;
import dev.provision.driver.FakeHostDriver;
import dev.provision.live.ObservedState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What blocks an apply (a Swarm data node down) does not stop a plain destroy, which starts nothing
 * and keeps the data: it becomes a warning that says the destroy goes ahead. destroy --delete-data
 * keeps it an error, so it refuses.
 */
class OutOfReachVolumesTest {
  private static final Diagnostic DOWN =
      Diagnostic.error(null, "target.swarm.node", "the data node `n1` is down")
          .withHint("bring the node back, then run apply");

  @Test
  void aPlainDestroyGoesAheadWithAWarning() {
    List<Diagnostic> warnings = new ArrayList<>(List.of(DOWN));
    OutOfReachVolumes.note(new FakeHostDriver(), ObservedState.empty("demo"), false, warnings);
    assertThat(warnings).hasSize(1);
    Diagnostic d = warnings.get(0);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.render())
        .isEqualTo(
            """
            warning: the data node `n1` is down
              at: target.swarm.node
              hint: destroy goes ahead without it: it removes the services, the network and the\
             lock, and keeps the data where it is""");
  }

  @Test
  void destroyDeleteDataKeepsTheError() {
    List<Diagnostic> warnings = new ArrayList<>(List.of(DOWN));
    OutOfReachVolumes.note(new FakeHostDriver(), ObservedState.empty("demo"), true, warnings);
    assertThat(warnings).containsExactly(DOWN);
  }
}
