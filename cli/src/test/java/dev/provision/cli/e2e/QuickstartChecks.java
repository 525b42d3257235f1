package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.model.Address;

/**
 * The quickstart checks every target passes (local Docker in {@link QuickstartIT}, a Swarm in
 * {@link SwarmQuickstartIT}): apply serves with a working admin key, a second plan is empty, and a
 * destroy with {@code --delete-data} leaves nothing of the deployment.
 */
final class QuickstartChecks {
  private QuickstartChecks() {}

  /** Applies {@code spec}; the backend answers /version and the dashboard its page. */
  static E2e.Run appliesAndServes(E2e e, String spec, String... extra) {
    E2e.Run first = e.run("apply", spec, with(extra, "--yes"));
    assertThat(first.code()).as(first.all()).isZero();
    assertThat(first.out())
        .contains("Apply complete")
        .contains("ok    admin key: a key issued from the stored instance secret is accepted");
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(200);
    assertThat(Live.status(e.dashboardUrl())).isEqualTo(200);
    return first;
  }

  /** A second plan finds nothing to do. */
  static void plansEmpty(E2e e, String spec, String... extra) {
    E2e.Run again = e.run("plan", spec, with(extra, "--detailed-exitcode"));
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out()).contains("No changes.");
  }

  /** Destroys the deployment with its data: nothing of it is left on the target. */
  static void destroyLeavesNothing(E2e e, String spec, String... extra) {
    E2e.Run gone = e.run("destroy", spec, with(extra, "--delete-data", "--yes"));
    assertThat(gone.code()).as(gone.all()).isZero();
    try (HostDriver target = e.docker()) {
      assertThat(target.observe(e.deployment).resources()).isEmpty();
    }
  }

  /** Destroys the deployment keeping its data: only the data volume is left. */
  static void destroyKeepsTheVolume(E2e e, String spec, String... extra) {
    E2e.Run destroyed = e.run("destroy", spec, with(extra, "--yes"));
    assertThat(destroyed.code()).as(destroyed.all()).isZero();
    try (HostDriver target = e.docker()) {
      assertThat(target.observe(e.deployment).resources().keySet())
          .containsExactly(Address.parse("volume.data"));
    }
    assertThat(Live.status(e.cloudUrl() + "/version")).isEqualTo(-1);
  }

  private static String[] with(String[] extra, String... more) {
    String[] all = new String[extra.length + more.length];
    System.arraycopy(extra, 0, all, 0, extra.length);
    System.arraycopy(more, 0, all, extra.length, more.length);
    return all;
  }
}
