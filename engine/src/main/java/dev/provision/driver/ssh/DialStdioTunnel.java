package dev.provision.driver.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Reaches the remote Docker engine the way the docker CLI does for {@code ssh://} hosts: every TCP
 * connection accepted on a loopback port becomes one SSH session running {@code docker system
 * dial-stdio} on the server, with bytes pumped both ways. The Docker API client then talks plain
 * HTTP to {@code tcp://127.0.0.1:}{@link #port()}. Only this process should use the port; it is
 * bound to loopback and lives until {@link #close()}.
 */
final class DialStdioTunnel implements AutoCloseable {
  static final String COMMAND = "docker system dial-stdio";

  private final SSHClient ssh;
  private final SshLink link;
  private final ServerSocket server;
  private final Thread acceptor;

  private DialStdioTunnel(SSHClient ssh, SshLink link, ServerSocket server) {
    this.ssh = ssh;
    this.link = link;
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "ssh-docker-tunnel-" + server.getLocalPort());
    this.acceptor.setDaemon(true);
  }

  /** Binds 127.0.0.1 on a free port and starts accepting. */
  static DialStdioTunnel open(SSHClient ssh, SshLink link) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    DialStdioTunnel tunnel = new DialStdioTunnel(ssh, link, server);
    tunnel.acceptor.start();
    return tunnel;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        connect(socket);
      } catch (OpenFailException e) {
        // sshd's MaxSessions reached although the budget was learned: say so instead of "no answer"
        link.sessionRefused();
        BytePump.closeQuietly(socket);
      } catch (IOException | RuntimeException e) {
        // the client sees its connection closed; the Docker driver reports the failed call
        BytePump.closeQuietly(socket);
      }
    }
  }

  /** A new session; while the server refuses one (MaxSessions), waits for one to be freed. */
  private Session newSession() throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return ssh.startSession();
      } catch (OpenFailException refused) {
        if (attempt >= 40) {
          throw refused;
        }
        SessionBudget.pause(250);
      }
    }
  }

  private void connect(Socket socket) throws IOException {
    socket.setTcpNoDelay(true);
    Session session = newSession();
    try {
      Session.Command command = session.exec(COMMAND);
      BytePump.start(
          "ssh-docker-" + socket.getPort(),
          socket.getInputStream(),
          command.getOutputStream(),
          command.getOutputStream(),
          command.getInputStream(),
          socket.getOutputStream(),
          socket::shutdownOutput,
          List.of(command, session, socket));
    } catch (IOException | RuntimeException e) {
      BytePump.closeQuietly(session);
      throw e;
    }
  }

  @Override
  public void close() {
    BytePump.closeQuietly(server);
  }
}
