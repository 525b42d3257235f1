package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenSSH config subset: Host patterns, first value wins, IdentityFile adds up. */
class SshConfigTest {
  private static final String CONFIG =
      """
      # fleet
      Host web-?  !web-9
        HostName %h.internal.example
        User deploy
        IdentityFile ~/.ssh/fleet
      Host bastion
        HostName 203.0.113.7
        Port=2222
        User jump
      Host web-1
        Port 2201
        User ignored-because-second
      Host *
        IdentityFile "~/.ssh/id_ed25519"
        IdentitiesOnly yes
        ForwardAgent yes
        ProxyJump bastion
        StrictHostKeyChecking accept-new
        UserKnownHostsFile ~/.ssh/fleet_hosts ~/.ssh/known_hosts2
      Match host x
        User nobody
      """;

  @Test
  void firstValueWinsAndIdentityFilesAddUp() {
    SshConfig.Entry e = SshConfig.parse(CONFIG).lookup("web-1");
    assertThat(e.values())
        .isEqualTo(
            Map.of(
                "hostname", "%h.internal.example",
                "user", "deploy",
                "port", "2201",
                "identitiesonly", "yes",
                "proxyjump", "bastion",
                "stricthostkeychecking", "accept-new",
                "userknownhostsfile", "~/.ssh/fleet_hosts ~/.ssh/known_hosts2"));
    assertThat(e.identityFiles()).containsExactly("~/.ssh/fleet", "~/.ssh/id_ed25519");
    assertThat(e.ignored()).containsExactly("ForwardAgent", "Match");
  }

  @Test
  void aNegatedPatternExcludesAHost() {
    SshConfig.Entry e = SshConfig.parse(CONFIG).lookup("web-9");
    assertThat(e.get("user")).isNull();
    assertThat(e.identityFiles()).containsExactly("~/.ssh/id_ed25519");
  }

  @Test
  void matchBlocksApplyToNoHost() {
    assertThat(SshConfig.parse(CONFIG).lookup("x").get("user")).isNull();
  }

  @Test
  void globs() {
    assertThat(SshConfig.glob("*.example.com", "a.b.example.com")).isTrue();
    assertThat(SshConfig.glob("web-?", "web-12")).isFalse();
    assertThat(SshConfig.glob("WEB-*", "web-12")).isTrue();
    assertThat(SshConfig.glob("*", "")).isTrue();
    assertThat(SshConfig.glob("a*b*c", "axxbyyc")).isTrue();
    assertThat(SshConfig.glob("a*b*c", "axxbyy")).isFalse();
    assertThat(SshConfig.matches(List.of("*", "!db*"), "db1")).isFalse();
  }
}
