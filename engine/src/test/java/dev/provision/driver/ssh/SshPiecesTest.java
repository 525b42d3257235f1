package dev.provision.driver.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.ProvisionException;
import dev.provision.model.PortBinding;
import dev.provision.model.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pure parts of the SSH driver: paths, names, forward targets and remote docker diagnoses. */
class SshPiecesTest {
  private static final String WHO = "ssh deploy@example.com:2222";

  @Test
  void tildeIsTheHomeFolder() {
    assertThat(SshConnector.expand("~", "/home/me")).isEqualTo(Path.of("/home/me"));
    assertThat(SshConnector.expand("~/.ssh/id_ed25519", "/home/me"))
        .isEqualTo(Path.of("/home/me/.ssh/id_ed25519"));
    assertThat(SshConnector.expand("/etc/keys/k", "/home/me")).isEqualTo(Path.of("/etc/keys/k"));
    assertThat(SshConnector.expand("~other/k", "/home/me")).isEqualTo(Path.of("~other/k"));
  }

  @Test
  void describesUserHostAndPort() {
    Target.Ssh target =
        new Target.Ssh("example.com", 2222, "deploy", null, Target.KnownHosts.STRICT, "~/kh");
    assertThat(SshConnector.describe(target)).isEqualTo(WHO);
  }

  @Test
  void portsPublishedOnAllAddressesAreReachedOnTheServersLoopback() {
    assertThat(PortForwards.remoteHost(new PortBinding("0.0.0.0", 8080, 80)))
        .isEqualTo("127.0.0.1");
    assertThat(PortForwards.remoteHost(new PortBinding("::", 8080, 80))).isEqualTo("127.0.0.1");
    assertThat(PortForwards.remoteHost(new PortBinding("127.0.0.1", 8080, 80)))
        .isEqualTo("127.0.0.1");
    assertThat(PortForwards.remoteHost(new PortBinding("10.0.0.5", 8080, 80)))
        .isEqualTo("10.0.0.5");
  }

  @Test
  void remoteDockerFailuresSayWhatToDo() {
    assertThat(message(127, "bash: line 1: docker: command not found"))
        .startsWith("error: there is no docker command on " + WHO)
        .contains("apt-get install docker.io");
    assertThat(
            message(
                1,
                "Got permission denied while trying to connect to the Docker daemon socket at"
                    + " unix:///var/run/docker.sock: dial unix: connect: permission denied"))
        .contains("user deploy may not use the Docker engine on " + WHO)
        .contains("usermod -aG docker deploy");
    assertThat(
            message(
                1,
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
                    + " daemon running?"))
        .contains("the Docker engine on " + WHO + " is not running")
        .contains("systemctl start docker");
    assertThat(message(2, "")).contains("`docker version` failed on " + WHO + ": exit status 2");
  }

  @Test
  void aChangedKeyShowsOfferedAndRecordedFingerprintsAndNeverHintsAtAcceptNew() {
    Target.Ssh target =
        new Target.Ssh("example.com", 2222, "deploy", null, Target.KnownHosts.ACCEPT_NEW, "~/kh");
    KnownHostsPolicy.Refusal changed =
        new KnownHostsPolicy.Refusal(
            KnownHostsPolicy.Reason.CHANGED,
            "[example.com]:2222",
            "ssh-ed25519",
            "SHA256:new",
            java.util.List.of("SHA256:old"),
            null);

    assertThat(HostKeyMessages.refusal(target, WHO, Path.of("/kh"), changed).getMessage())
        .isEqualTo(
            "error: the host key of [example.com]:2222 has CHANGED: the server offers ssh-ed25519"
                + " SHA256:new but /kh records SHA256:old; refusing to connect to "
                + WHO
                + "\n  hint: if the server was reinstalled, check the new fingerprint with its"
                + " administrator, remove the old entries with `ssh-keygen -R '[example.com]:2222'"
                + " -f /kh`, and connect again");
  }

  @Test
  void onlyAnUnknownHostHintsAtAcceptNew() {
    Target.Ssh target =
        new Target.Ssh("example.com", 2222, "deploy", null, Target.KnownHosts.STRICT, "~/kh");
    KnownHostsPolicy.Refusal unknown =
        new KnownHostsPolicy.Refusal(
            KnownHostsPolicy.Reason.UNKNOWN,
            "[example.com]:2222",
            "ssh-ed25519",
            "SHA256:new",
            java.util.List.of(),
            null);

    assertThat(HostKeyMessages.refusal(target, WHO, Path.of("/kh"), unknown).getMessage())
        .contains("(ssh-ed25519 SHA256:new) is not in /kh")
        .contains("ssh-keyscan -p 2222 example.com >> /kh")
        .contains("knownHosts: accept-new to record the key of a host seen for the first time");
  }

  private static String message(int status, String output) {
    ProvisionException e = RemoteDockerCheck.failure(WHO, "deploy", status, output);
    return e.getMessage();
  }

  @Test
  void anAgentCertificateIsSignedWithItsKeysFlags() {
    assertThat(AgentAuth.flags("rsa-sha2-512-cert-v01@openssh.com"))
        .isEqualTo(SshAgent.RSA_SHA2_512);
    assertThat(AgentAuth.flags("rsa-sha2-256-cert-v01@openssh.com"))
        .isEqualTo(SshAgent.RSA_SHA2_256);
    assertThat(AgentAuth.flags("rsa-sha2-512")).isEqualTo(SshAgent.RSA_SHA2_512);
    assertThat(AgentAuth.flags("ssh-ed25519-cert-v01@openssh.com")).isZero();
  }
}
