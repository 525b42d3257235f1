package dev.provision.exec.ready;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
  private HttpServer server;
  private URI base;
  private final HttpProbe probe = HttpProbe.jdk(Duration.ofSeconds(5));

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/version", ex -> answer(ex, 200, "1.2.3"));
    server.createContext("/busy", ex -> answer(ex, 503, "starting"));
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void twoHundredIsReady() {
    assertThat(probe.get(HttpReadiness.resolve(base, "/version")))
        .isEqualTo(CheckAnswer.ready("HTTP 200: 1.2.3"));
  }

  @Test
  void fiveHundredThreeIsNotReadyAndKeepsTheBody() {
    assertThat(probe.get(HttpReadiness.resolve(base, "busy")))
        .isEqualTo(CheckAnswer.notYet("HTTP 503: starting"));
  }

  @Test
  void aClosedPortIsNotReady() {
    server.stop(0);
    CheckAnswer answer = probe.get(HttpReadiness.resolve(base, "/version"));
    assertThat(answer.ready()).isFalse();
    assertThat(answer.detail()).startsWith("ConnectException");
  }

  @Test
  void resolveJoinsBaseAndPathWithOneSlash() {
    URI b = URI.create("http://h:1/");
    assertThat(HttpReadiness.resolve(b, "/v")).hasToString("http://h:1/v");
    assertThat(HttpReadiness.resolve(URI.create("http://h:1"), "v")).hasToString("http://h:1/v");
    assertThat(HttpReadiness.resolve(URI.create("http://h:1"), null)).hasToString("http://h:1/");
  }
}
