package dev.provision.driver.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP/1.1 exchange (a small text request, a small text answer) over the JDK's {@link
 * HttpURLConnection}: what the Convex admin API calls, the readiness probes and the checks after
 * apply need. Redirects are never followed; the default proxy selector applies.
 *
 * <p>Why not {@code java.net.http}: on JDK 17 its client cannot be closed, and its selector thread
 * sits in native {@code epoll_wait}, which held every CLI run about 300 ms at exit. This class
 * leaves no thread in native code: an idle kept-alive connection waits in a daemon timer thread.
 */
public final class PlainHttp {
  /** A status and the answer's body as text (UTF-8; empty when there was none). */
  public record Answer(int status, String body) {}

  private final Duration connectTimeout;
  private final Duration readTimeout;

  /**
   * @param connectTimeout the most a connection may take to open
   * @param readTimeout the most the other side may stay silent once connected
   */
  public PlainHttp(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /** A GET. */
  public Answer get(URI uri, Map<String, String> headers) throws IOException {
    return exchange("GET", uri, headers, null);
  }

  /**
   * Sends {@code method} to {@code uri} with {@code headers} and, unless null, {@code body}; any
   * status is an answer. A timeout is a {@link java.net.SocketTimeoutException}, a refused or
   * failed connection another {@link IOException}.
   */
  public Answer exchange(String method, URI uri, Map<String, String> headers, String body)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    try {
      c.setRequestMethod(method);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(millis(connectTimeout));
      c.setReadTimeout(millis(readTimeout));
      c.setRequestProperty("Accept", "*/*");
      headers.forEach(c::setRequestProperty);
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in == null) {
        return new Answer(status, "");
      }
      try (in) {
        // read to the end, so that the connection can be kept alive for the next call
        return new Answer(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      c.disconnect();
      throw e;
    }
  }

  private static int millis(Duration d) {
    long ms = d.toMillis();
    return ms <= 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, ms);
  }
}
