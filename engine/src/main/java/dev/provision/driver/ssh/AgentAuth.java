package dev.provision.driver.ssh;

import com.hierynomus.sshj.key.KeyAlgorithm;
import java.io.IOException;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj's {@code publickey} authentication with one key held by ssh-agent: the request is signed by
 * the agent ({@link SshAgent#sign}), so the private key never enters this process. The signed
 * request is sent at once (RFC 4252 section 7 allows skipping the query). For an RSA key the
 * signature algorithm is the first one the transport offers for RSA (rsa-sha2-512 or -256 on a
 * current server), with the matching agent flag. An OpenSSH user certificate the agent holds
 * (loaded by {@code ssh-add} with its {@code -cert.pub}) is offered as such, signed by its key: a
 * server that trusts its CA lets it in, another refuses it and the next identity is tried.
 */
final class AgentAuth extends AbstractAuthMethod {
  /** How an OpenSSH certificate's algorithm name ends. */
  static final String CERT_SUFFIX = "-cert-v01@openssh.com";

  private static final String RSA_CERT = "ssh-rsa" + CERT_SUFFIX;
  private final SshAgent agent;
  private final SshAgent.Identity identity;

  AgentAuth(SshAgent agent, SshAgent.Identity identity) {
    super("publickey");
    this.agent = agent;
    this.identity = identity;
  }

  SshAgent.Identity identity() {
    return identity;
  }

  @Override
  protected SSHPacket buildReq() throws UserAuthException {
    String algorithm = algorithm();
    SSHPacket req = super.buildReq();
    req.putBoolean(true).putString(algorithm).putString(identity.blob());
    byte[] signed =
        new Buffer.PlainBuffer()
            .putString(params.getTransport().getSessionID())
            .putBuffer(req)
            .getCompactData();
    try {
      req.putString(agent.sign(identity.blob(), signed, flags(algorithm)));
    } catch (IOException e) {
      throw new UserAuthException(
          "the ssh-agent did not sign with the key " + identity.comment() + ": " + e.getMessage(),
          e);
    }
    return req;
  }

  private String algorithm() throws UserAuthException {
    boolean cert = identity.type().equals(RSA_CERT);
    if (!identity.type().equals("ssh-rsa") && !cert) {
      return identity.type(); // ed25519, ecdsa and their certificates name themselves
    }
    String rsa;
    try {
      List<KeyAlgorithm> offered = params.getTransport().getClientKeyAlgorithms(KeyType.RSA);
      rsa = offered.isEmpty() ? "ssh-rsa" : offered.get(0).getKeyAlgorithm();
    } catch (TransportException e) {
      throw new UserAuthException("no signature algorithm for an RSA key", e);
    }
    // an RSA certificate is offered under the signature's algorithm (rsa-sha2-512-cert-v01@...)
    return cert ? rsa + CERT_SUFFIX : rsa;
  }

  /** The agent's sign flags for {@code algorithm} (a certificate's: as its key's). */
  static int flags(String algorithm) {
    String base =
        algorithm.endsWith(CERT_SUFFIX)
            ? algorithm.substring(0, algorithm.length() - CERT_SUFFIX.length())
            : algorithm;
    return switch (base) {
      case "rsa-sha2-256" -> SshAgent.RSA_SHA2_256;
      case "rsa-sha2-512" -> SshAgent.RSA_SHA2_512;
      default -> 0;
    };
  }
}
