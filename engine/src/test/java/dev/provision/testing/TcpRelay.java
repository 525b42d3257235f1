package dev.provision.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A userspace TCP relay on 127.0.0.1 in front of a local port, standing in for a network: it can
 * add a one-way delay to every chunk in both directions, or blackhole the link (bytes are read and
 * dropped, nothing is closed: a silent partition), or cut it (every connection closed, new ones
 * refused). For tests only; the CLI's tests use it through the engine's test-jar.
 */
public final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean blackhole;
  private volatile long delayNanos;

  private TcpRelay(ServerSocket server, int target) {
    this.server = server;
    this.target = target;
  }

  public static TcpRelay start(int target) throws IOException {
    TcpRelay relay =
        new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
    daemon("relay-accept", relay::accept);
    return relay;
  }

  public int port() {
    return server.getLocalPort();
  }

  public void blackhole(boolean on) {
    blackhole = on;
  }

  public void delay(Duration oneWay) {
    delayNanos = oneWay.toNanos();
  }

  /** Cuts the link: closes every relayed connection and refuses new ones. */
  public void cut() {
    close();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket();
        out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
        in.setTcpNoDelay(true);
        out.setTcpNoDelay(true);
        sockets.add(in);
        sockets.add(out);
        pipe(in, out);
        pipe(out, in);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private record Chunk(long due, byte[] bytes) {}

  private void pipe(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    daemon(
        "relay-read",
        () -> {
          byte[] buffer = new byte[16 * 1024];
          try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
              if (!blackhole) {
                queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
              }
            }
          } catch (IOException | InterruptedException e) {
            // the connection ends
          }
          queue.add(new Chunk(0, null));
        });
    daemon(
        "relay-write",
        () -> {
          try {
            while (true) {
              Chunk c = queue.take();
              if (c.bytes() == null) {
                break;
              }
              long wait = c.due() - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
              if (!blackhole) {
                out.write(c.bytes());
                out.flush();
              }
            }
            to.shutdownOutput();
          } catch (IOException | InterruptedException e) {
            // the connection ends
          }
        });
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
