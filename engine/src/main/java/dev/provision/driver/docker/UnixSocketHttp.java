package dev.provision.driver.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP/1.1 to a Docker engine on its unix socket, for the calls whose whole answer is read at once
 * (JSON answers, the lock's create and remove, an image import's progress): one connection per
 * call, closed by the engine after its answer ({@code Connection: close}). Its classes are few and
 * its first call is cheap, where the general client costs a noticeable part of a short command's
 * time before its first answer. Answers that stream (followed logs, archives), attach and
 * docker-java's own commands use the general client.
 *
 * <p>A GET the engine closes before the head of its answer is sent once more, as the general client
 * does; other methods never are (a lock's create must not be made twice).
 *
 * <p>As the general client, a call is not ended by interrupting its thread (an interrupted apply
 * still reads the answer of the call it made, and rolls back knowing it); {@link #close} ends every
 * call still waiting. Thread-safe.
 */
final class UnixSocketHttp implements DockerHttpClient {
  private final UnixDomainSocketAddress address;
  private final Set<Selector> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  UnixSocketHttp(Path socket) {
    this.address = UnixDomainSocketAddress.of(socket);
  }

  @Override
  public Response execute(Request request) {
    if (request.hijackedInput() != null) {
      throw new UnsupportedOperationException("attach needs the general client");
    }
    if (closed) {
      throw new IllegalStateException("the connection to the Docker engine is closed");
    }
    try {
      byte[] body = request.bodyBytes();
      if (body == null && request.body() != null) {
        try (InputStream in = request.body()) {
          body = in.readAllBytes();
        }
      }
      byte[] head = head(request, body);
      byte[] answer = exchange(head, body);
      if (Answer.headEnd(answer) < 0 && safeToRepeat(request.method())) {
        // as HTTP clients do for a request that is safe to repeat: an engine that closed the
        // connection before its answer's head (shedding connections, restarting) is asked again
        answer = exchange(head, body);
      }
      return Answer.parse(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean safeToRepeat(String method) {
    return "GET".equals(method);
  }

  private static byte[] head(Request request, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
    head.append("Host: docker\r\nConnection: close\r\n");
    request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Sends {@code head} and {@code body}, and returns every byte the engine answers. */
  private byte[] exchange(byte[] head, byte[] body) throws IOException {
    boolean interrupted = Thread.interrupted();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      waiting.add(selector);
      try {
        channel.configureBlocking(false);
        if (!channel.connect(address)) {
          interrupted |= await(channel, selector, SelectionKey.OP_CONNECT);
          if (!channel.finishConnect()) {
            throw new ConnectException("cannot connect to " + address.getPath());
          }
        }
        for (ByteBuffer out :
            new ByteBuffer[] {
              ByteBuffer.wrap(head), ByteBuffer.wrap(body == null ? new byte[0] : body)
            }) {
          while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
              interrupted |= await(channel, selector, SelectionKey.OP_WRITE);
            }
          }
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream(4096);
        ByteBuffer in = ByteBuffer.allocate(16384);
        while (true) {
          int n = channel.read(in);
          if (n < 0) {
            return answer.toByteArray();
          }
          if (n == 0) {
            interrupted |= await(channel, selector, SelectionKey.OP_READ);
          } else {
            answer.write(in.array(), 0, in.position());
            in.clear();
          }
        }
      } finally {
        waiting.remove(selector);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits until {@code channel} is ready for {@code op}; true when the thread was interrupted. */
  private boolean await(SocketChannel channel, Selector selector, int op) throws IOException {
    boolean interrupted = false;
    SelectionKey key = channel.register(selector, op);
    try {
      while (true) {
        if (closed) {
          throw new IOException("the connection to the Docker engine was closed");
        }
        if (selector.select() > 0 && key.isValid() && (key.readyOps() & op) != 0) {
          selector.selectedKeys().clear();
          return interrupted;
        }
        interrupted |= Thread.interrupted(); // select returns at once while the flag is set
      }
    } finally {
      key.interestOps(0);
      selector.selectedKeys().clear();
    }
  }

  @Override
  public void close() {
    closed = true;
    waiting.forEach(Selector::wakeup);
  }

  /** One whole answer: status, headers (names in any case) and the body, de-chunked. */
  private record Answer(int status, Map<String, List<String>> headers, byte[] body)
      implements Response {
    /** Where the head of {@code bytes} ends (its blank line), or -1 when it is not whole. */
    static int headEnd(byte[] bytes) {
      return indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    static Answer parse(byte[] bytes) throws IOException {
      int end = headEnd(bytes);
      if (end < 0) {
        throw new IOException("the Docker engine closed the connection without a whole answer");
      }
      List<String> lines = lines(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
      String[] statusLine = lines.get(0).split(" ", 3);
      if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
        throw new IOException("the Docker engine answered something other than HTTP");
      }
      int status;
      try {
        status = Integer.parseInt(statusLine[1]);
      } catch (NumberFormatException e) {
        throw new IOException("the Docker engine answered an invalid HTTP status", e);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
              .add(line.substring(colon + 1).strip());
        }
      }
      int start = end + 4;
      byte[] body;
      if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
        body = dechunk(bytes, start);
      } else {
        int length = bytes.length - start;
        List<String> declared = headers.get("Content-Length");
        if (declared != null) {
          int expected;
          try {
            expected = Integer.parseInt(declared.get(0));
          } catch (NumberFormatException e) {
            throw new IOException("the Docker engine's answer has an invalid length", e);
          }
          if (expected > length) {
            throw new IOException("the Docker engine closed the connection inside its answer");
          }
          length = expected;
        }
        body = java.util.Arrays.copyOfRange(bytes, start, start + length);
      }
      return new Answer(status, headers, body);
    }

    /** The CRLF-separated lines of {@code head} (without a regular expression: one per answer). */
    private static List<String> lines(String head) {
      List<String> lines = new ArrayList<>();
      int from = 0;
      while (true) {
        int eol = head.indexOf("\r\n", from);
        if (eol < 0) {
          lines.add(head.substring(from));
          return lines;
        }
        lines.add(head.substring(from, eol));
        from = eol + 2;
      }
    }

    private static byte[] dechunk(byte[] bytes, int from) throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length - from);
      int at = from;
      while (true) {
        int eol = indexOf(bytes, new byte[] {'\r', '\n'}, at);
        if (eol < 0) {
          throw new IOException("the Docker engine's answer ended inside a chunk");
        }
        String size = new String(bytes, at, eol - at, StandardCharsets.ISO_8859_1);
        int semicolon = size.indexOf(';');
        int n;
        try {
          n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("the Docker engine's answer has an invalid chunk size", e);
        }
        if (n == 0) {
          return body.toByteArray();
        }
        if (eol + 2 + n > bytes.length) {
          throw new IOException("the Docker engine's answer ended inside a chunk");
        }
        body.write(bytes, eol + 2, n);
        at = eol + 2 + n + 2;
      }
    }

    private static int indexOf(byte[] bytes, byte[] what, int from) {
      outer:
      for (int i = from; i <= bytes.length - what.length; i++) {
        for (int j = 0; j < what.length; j++) {
          if (bytes[i + j] != what[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public InputStream getBody() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public void close() {}
  }
}
