package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the spec's target.ssh and the OpenSSH config combine: explicit fields win. */
class SshRouteTest {
  private static final SshConfig CONFIG =
      SshConfig.parse(
          """
          Host prod
            HostName 10.0.0.5
            User deploy
            Port 2200
            IdentityFile ~/.ssh/prod
            IdentitiesOnly yes
            ProxyJump ops@bastion:2222,inner
            UserKnownHostsFile ~/.ssh/prod_hosts
          Host bastion
            HostName 203.0.113.7
            IdentityFile ~/.ssh/bastion
          Host inner
            HostName 10.0.0.2
            User gate
            StrictHostKeyChecking accept-new
          Host bad
            Port 99999
          """);

  private static Target.Ssh spec(String host) {
    return new Target.Ssh(host, 0, null, null, null, null, null, null);
  }

  @Test
  void anAliasTakesItsValuesFromTheConfig() {
    SshRoute route = SshRoute.resolve(spec("prod"), CONFIG);
    assertThat(route.target())
        .isEqualTo(
            new Target.Ssh(
                "10.0.0.5",
                2200,
                "deploy",
                null,
                Target.KnownHosts.STRICT,
                "~/.ssh/prod_hosts",
                null,
                Target.Ssh.NO_CONFIG));
    assertThat(route.identityFiles()).containsExactly("~/.ssh/prod");
    assertThat(route.identitiesOnly()).isTrue();
    assertThat(route.describe())
        .isEqualTo("ssh deploy@10.0.0.5:2200 via ops@203.0.113.7:2222, gate@10.0.0.2:22");
    assertThat(route.jumps().get(0).identityFile()).isEqualTo("~/.ssh/bastion");
    assertThat(route.jumps().get(0).knownHostsFile()).isEqualTo("~/.ssh/prod_hosts");
    assertThat(route.jumps().get(1).knownHosts()).isEqualTo(Target.KnownHosts.ACCEPT_NEW);
  }

  @Test
  void explicitFieldsWin() {
    Target.Ssh spec =
        new Target.Ssh(
            "prod", 22, "root", "~/.ssh/mine", Target.KnownHosts.ACCEPT_NEW, "~/kh", "PASS", null);
    SshRoute route = SshRoute.resolve(spec, CONFIG);
    assertThat(route.target())
        .isEqualTo(
            new Target.Ssh(
                "10.0.0.5",
                22,
                "root",
                null,
                Target.KnownHosts.ACCEPT_NEW,
                "~/kh",
                "PASS",
                Target.Ssh.NO_CONFIG));
    assertThat(route.identityFiles()).containsExactly("~/.ssh/mine", "~/.ssh/prod");
  }

  @Test
  void withoutConfigOpenSshDefaultsApply() {
    SshRoute route = SshRoute.resolve(spec("example.com"), SshConfig.empty());
    assertThat(route.describe()).isEqualTo("ssh root@example.com:22");
    assertThat(route.target().knownHostsFile()).isEqualTo("~/.ssh/known_hosts");
    assertThat(route.target().knownHosts()).isEqualTo(Target.KnownHosts.STRICT);
    assertThat(route.keysToTry()).isEqualTo(SshRoute.DEFAULT_KEYS);
    assertThat(route.identitiesOnly()).isFalse();
    assertThat(route.jumps()).isEmpty();
  }

  @Test
  void jumpHopsParse() {
    Target.Ssh base = SshRoute.resolve(spec("x"), SshConfig.empty()).target();
    assertThat(SshRoute.jump("ssh://a@h:7", SshConfig.empty(), base))
        .extracting(Target.Ssh::user, Target.Ssh::host, Target.Ssh::port)
        .containsExactly("a", "h", 7);
    assertThat(SshRoute.jump("h2", SshConfig.empty(), base))
        .extracting(Target.Ssh::user, Target.Ssh::host, Target.Ssh::port)
        .containsExactly("root", "h2", 22);
    assertThatThrownBy(() -> SshRoute.jump("u@", SshConfig.empty(), base))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("invalid ProxyJump hop `u@`");
  }

  @Test
  void anInvalidPortInTheConfigIsNamed() {
    assertThatThrownBy(() -> SshRoute.resolve(spec("bad"), CONFIG))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("invalid port in Port 99999 (Host bad)");
  }

  @Test
  void ignoredKeywordsAreKept() {
    SshConfig config = SshConfig.parse("Host *\n  ForwardAgent yes\n  Compression yes\n");
    SshRoute route = SshRoute.resolve(spec("a"), config);
    assertThat(route.ignored()).isEqualTo(List.of("ForwardAgent", "Compression"));
    assertThat(route.notes().get(0).message())
        .isEqualTo(
            "the OpenSSH config sets ForwardAgent, Compression for this host, which provision"
                + " ignores");
    assertThat(SshRoute.resolve(spec("a"), SshConfig.empty()).notes()).isEmpty();
  }

  @Test
  void aJumpHostsOwnProxyJumpIsCrossedFirst() {
    SshConfig config =
        SshConfig.parse(
            """
            Host app
              HostName 10.0.0.9
              ProxyJump bastion,inner
            Host bastion
              HostName 10.0.0.2
              ProxyJump edge
            Host inner
              ProxyJump nowhere
            Host edge
              HostName 203.0.113.7
              Port 2222
              User ops
            """);
    // as ssh -J bastion,inner: bastion is reached through its own ProxyJump (edge), inner through
    // bastion, whatever inner's own ProxyJump says
    assertThat(SshRoute.resolve(spec("app"), config).describe())
        .isEqualTo(
            "ssh root@10.0.0.9:22 via ops@203.0.113.7:2222, root@10.0.0.2:22, root@inner:22");
    assertThat(SshRoute.resolve(spec("bastion"), config).describe())
        .isEqualTo("ssh root@10.0.0.2:22 via ops@203.0.113.7:2222");
  }

  @Test
  void aProxyJumpLoopIsRefusedWithTheLoopNamed() {
    SshConfig config =
        SshConfig.parse(
            """
            Host app
              ProxyJump a
            Host a
              ProxyJump u@b:2200
            Host b
              ProxyJump A
            Host self
              ProxyJump self
            """);
    assertThatThrownBy(() -> SshRoute.resolve(spec("app"), config))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("the OpenSSH config's ProxyJump chain loops: app -> a -> b -> A");
    assertThatThrownBy(() -> SshRoute.resolve(spec("self"), config))
        .hasMessageContaining("ProxyJump chain loops: self -> self");
  }

  @Test
  void aChainLongerThanTheLimitIsRefused() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i <= JumpChain.MAX_HOPS; i++) {
      text.append("Host h").append(i).append("\n  ProxyJump h").append(i + 1).append("\n");
    }
    SshConfig config = SshConfig.parse(text.toString());
    assertThatThrownBy(() -> SshRoute.resolve(spec("h0"), config))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining(
            "the OpenSSH config's ProxyJump chain from h0 has more than 8 jump hosts (h0 -> h1 ->");
    assertThat(SshRoute.resolve(spec("h1"), config).jumps()).hasSize(JumpChain.MAX_HOPS);
  }
}
