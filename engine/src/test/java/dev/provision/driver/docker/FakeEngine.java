package dev.provision.driver.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real unix-socket server that answers each connection's request with the bytes a function gives
 * (null: none, the connection stays open until the server closes): an engine that answers as a test
 * needs. One connection at a time; every request is kept, whole.
 */
final class FakeEngine implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private FakeEngine(Path socket, Function<String, byte[]> answer) throws IOException {
    this.socket = socket;
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t =
        new Thread(
            () -> {
              while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                  String request = readRequest(c);
                  requests.add(request);
                  byte[] out = answer.apply(request);
                  if (out != null) {
                    c.write(ByteBuffer.wrap(out));
                  }
                } catch (IOException | RuntimeException e) {
                  return;
                }
              }
            },
            "fake-engine");
    t.setDaemon(true);
    t.start();
  }

  static FakeEngine serving(Path socket, Function<String, byte[]> answer) throws IOException {
    return new FakeEngine(socket, answer);
  }

  Path socket() {
    return socket;
  }

  /** Every request received so far, in order. */
  List<String> requests() {
    return requests;
  }

  /** The last request received, or null. */
  String last() {
    return requests.isEmpty() ? null : requests.get(requests.size() - 1);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private static String readRequest(SocketChannel c) throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (true) {
      String text = in.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        int length = 0;
        for (String line : text.substring(0, end).split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        if (text.length() >= end + 4 + length) {
          return text;
        }
      }
      buffer.clear();
      if (c.read(buffer) < 0) {
        return text;
      }
      in.write(buffer.array(), 0, buffer.position());
    }
  }
}
