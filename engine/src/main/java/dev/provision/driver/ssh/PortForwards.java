package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import dev.provision.model.PortBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * Local port forwards to ports published on the server: one per binding, from a free port on this
 * machine's 127.0.0.1 to the binding's address on the server (0.0.0.0 and :: become the server's
 * 127.0.0.1), made on first use and closed by {@link #close()}. Each connection to a forward is one
 * SSH channel (direct-tcpip), opened in its own thread; on a lost link a connection is closed at
 * once (never left waiting in the listen backlog). Thread-safe.
 */
final class PortForwards implements AutoCloseable {
  private final SSHClient ssh;
  private final String who;
  private final SshLink link;
  private final Map<String, URI> uris = new HashMap<>();
  private final List<ServerSocket> sockets = new ArrayList<>();

  PortForwards(SSHClient ssh, String who, SshLink link) {
    this.ssh = ssh;
    this.who = who;
    this.link = link;
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
    return uri(remoteHost(binding), binding.hostPort());
  }

  /** A forward to {@code host:port} as the server reaches it. */
  synchronized URI uri(String host, int port) {
    String remote = host + ":" + port;
    URI known = uris.get(remote);
    if (known != null) {
      return known;
    }
    try {
      ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      sockets.add(socket);
      Thread listener =
          new Thread(() -> acceptLoop(socket, host, port), "ssh-forward-" + socket.getLocalPort());
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

  /**
   * One SSH channel per accepted connection. A connection the link cannot carry (lost, or the
   * channel refused) is closed at once, so its client fails now instead of waiting out its timeout;
   * the loop goes on accepting until {@link #close()}.
   */
  private void acceptLoop(ServerSocket server, String host, int port) {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (!link.alive()) {
        BytePump.closeQuietly(socket);
        continue;
      }
      Thread opener =
          new Thread(() -> connect(socket, host, port), "ssh-forward-open-" + socket.getPort());
      opener.setDaemon(true);
      opener.start();
    }
  }

  private void connect(Socket socket, String host, int port) {
    DirectConnection channel = null;
    try {
      socket.setTcpNoDelay(true);
      channel = ssh.newDirectConnection(host, port);
      DirectConnection open = channel;
      BytePump.start(
          "ssh-forward-" + socket.getPort(),
          socket.getInputStream(),
          open.getOutputStream(),
          open.getOutputStream(),
          open.getInputStream(),
          socket.getOutputStream(),
          socket::shutdownOutput,
          List.of(open, socket));
    } catch (IOException | RuntimeException e) {
      // the client sees its connection closed; its caller asks the link what happened
      if (channel != null) {
        BytePump.closeQuietly(channel);
      }
      BytePump.closeQuietly(socket);
    }
  }

  @Override
  public synchronized void close() {
    sockets.forEach(BytePump::closeQuietly);
    sockets.clear();
    uris.clear();
  }
}
