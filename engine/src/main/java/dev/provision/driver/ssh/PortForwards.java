package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import dev.provision.model.PortBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;
import net.schmizz.sshj.connection.channel.direct.Parameters;

/**
 * Local port forwards to ports published on the server: one per binding, from a free port on this
 * machine's 127.0.0.1 to the binding's address on the server (0.0.0.0 and :: become the server's
 * 127.0.0.1), made on first use and closed by {@link #close()}. Thread-safe.
 */
final class PortForwards implements AutoCloseable {
  private final SSHClient ssh;
  private final String who;
  private final Map<String, URI> uris = new HashMap<>();
  private final List<ServerSocket> sockets = new ArrayList<>();

  PortForwards(SSHClient ssh, String who) {
    this.ssh = ssh;
    this.who = who;
  }

  /** The server-side host a binding is reached at. */
  static String remoteHost(PortBinding binding) {
    String ip = binding.hostIp();
    if (ip == null || ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::")) {
      return "127.0.0.1";
    }
    return ip;
  }

  synchronized URI uri(PortBinding binding) {
    String remote = remoteHost(binding) + ":" + binding.hostPort();
    URI known = uris.get(remote);
    if (known != null) {
      return known;
    }
    try {
      ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      sockets.add(socket);
      LocalPortForwarder forwarder =
          ssh.newLocalPortForwarder(
              new Parameters(
                  "127.0.0.1", socket.getLocalPort(), remoteHost(binding), binding.hostPort()),
              socket);
      Thread listener =
          new Thread(
              () -> {
                try {
                  forwarder.listen();
                } catch (IOException closed) {
                  // the socket was closed by close(): the forward ends
                }
              },
              "ssh-forward-" + socket.getLocalPort());
      listener.setDaemon(true);
      listener.start();
      URI uri = URI.create("http://127.0.0.1:" + socket.getLocalPort());
      uris.put(remote, uri);
      return uri;
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot open a local port to reach " + remote + " on " + who + ": " + e.getMessage(),
          "check that this machine may listen on a loopback port");
    }
  }

  @Override
  public synchronized void close() {
    sockets.forEach(BytePump::closeQuietly);
    sockets.clear();
    uris.clear();
  }
}
