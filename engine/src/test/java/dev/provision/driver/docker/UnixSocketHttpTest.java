package dev.provision.driver.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small client of whole answers against a real unix-socket server that answers as an engine
 * may: a length, chunks, an answer ended by closing, errors, silence. (Every Docker IT runs it
 * against the real engine.)
 */
@Timeout(30)
class UnixSocketHttpTest {
  @TempDir Path dir;
  private FakeEngine engine;
  private int servers;

  @AfterEach
  void stop() throws IOException {
    if (engine != null) {
      engine.close();
    }
  }

  private UnixSocketHttp serving(Function<String, byte[]> answer) throws IOException {
    engine = FakeEngine.serving(dir.resolve("docker-" + ++servers + ".sock"), answer);
    return new UnixSocketHttp(engine.socket());
  }

  private String seen() {
    return engine.last();
  }

  private static byte[] bytes(String s) {
    return FakeEngine.bytes(s);
  }

  private static DockerHttpClient.Request get(String path) {
    return DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET)
        .path(path)
        .build();
  }

  private static String body(DockerHttpClient.Response r) throws IOException {
    return new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void readsAnAnswerWithALengthAndSendsARequestThatClosesTheConnection() throws Exception {
    UnixSocketHttp http =
        serving(
            r ->
                bytes(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n"
                        + "{\"ApiVersion\":1}\n"));

    DockerHttpClient.Response r = http.execute(get("/version"));

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("{\"ApiVersion\":1}\n");
    assertThat(r.getHeader("content-type")).isEqualTo("application/json");
    assertThat(seen())
        .startsWith("GET /version HTTP/1.1\r\n")
        .contains("Host: docker\r\n", "Connection: close\r\n")
        .doesNotContain("Content-Length");
  }

  @Test
  void sendsABodyWithItsLengthAndReadsAChunkedAnswer() throws Exception {
    UnixSocketHttp http =
        serving(
            r ->
                bytes(
                    "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "7\r\n{\"Id\":\"\r\n"
                        + "6;ext=1\r\nabc\"}\n\r\n"
                        + "0\r\n\r\n"));

    DockerHttpClient.Response r =
        http.execute(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/v1.41/containers/create?name=x-lock")
                .headers(Map.of("Content-Type", "application/json"))
                .bodyBytes(bytes("{\"Image\":\"é\"}"))
                .build());

    assertThat(r.getStatusCode()).isEqualTo(201);
    assertThat(body(r)).isEqualTo("{\"Id\":\"abc\"}\n");
    assertThat(seen())
        .startsWith("POST /v1.41/containers/create?name=x-lock HTTP/1.1\r\n")
        .contains("Content-Type: application/json\r\n", "Content-Length: 13\r\n")
        .endsWith("\r\n\r\n{\"Image\":\"é\"}");
  }

  @Test
  void aBodyGivenAsAStreamIsSentWhole() throws Exception {
    UnixSocketHttp http = serving(r -> bytes("HTTP/1.1 204 No Content\r\n\r\n"));

    DockerHttpClient.Response r =
        http.execute(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/x")
                .body(new ByteArrayInputStream(new byte[100_000]))
                .build());

    assertThat(r.getStatusCode()).isEqualTo(204);
    assertThat(body(r)).isEmpty();
    assertThat(seen()).contains("Content-Length: 100000\r\n");
  }

  @Test
  void anAnswerWithoutLengthEndsWhereTheEngineClosesAndErrorsAreAnswersToo() throws Exception {
    UnixSocketHttp http =
        serving(
            r ->
                bytes(
                    "HTTP/1.0 404 Not Found\r\nContent-Type: application/json\r\n\r\n"
                        + "{\"message\":\"No such container: x\"}\n"));

    DockerHttpClient.Response r = http.execute(get("/containers/x/json"));

    assertThat(r.getStatusCode()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("{\"message\":\"No such container: x\"}\n");
  }

  @Test
  void aLargeAnswerArrivesWhole() throws Exception {
    String big = "x".repeat(3_000_000);
    UnixSocketHttp http =
        serving(
            r -> bytes("HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big));

    assertThat(body(http.execute(get("/big")))).isEqualTo(big);
  }

  @Test
  void aCutOrMalformedAnswerIsAnIoFailure() throws Exception {
    String[] answers = {
      "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-",
      "SSH-2.0-OpenSSH\r\n\r\n",
      "HTTP/1.1 abc OK\r\n\r\n",
      "",
    };
    for (String answer : answers) {
      stop();
      UnixSocketHttp http = serving(r -> bytes(answer));
      assertThatThrownBy(() -> http.execute(get("/x")))
          .as(answer)
          .isInstanceOf(UncheckedIOException.class);
    }
  }

  @Test
  void aGetClosedBeforeItsAnswerIsAskedOnceMoreAndOtherMethodsNever() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    UnixSocketHttp http =
        serving(
            r ->
                calls.incrementAndGet() % 2 == 1
                    ? bytes("HTTP/1.1 2") // closed inside the head
                    : bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));

    assertThat(body(http.execute(get("/services")))).isEqualTo("ok");
    assertThat(engine.requests()).hasSize(2);

    DockerHttpClient.Request create =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path("/containers/create?name=lock")
            .bodyBytes(bytes("{}"))
            .build();
    assertThatThrownBy(() -> http.execute(create)).isInstanceOf(UncheckedIOException.class);
    assertThat(engine.requests()).hasSize(3);
    assertThat(engine.last()).startsWith("POST /containers/create?name=lock");
  }

  @Test
  void noEngineOnTheSocketIsAnIoFailure() {
    UnixSocketHttp http = new UnixSocketHttp(dir.resolve("none.sock"));

    assertThatThrownBy(() -> http.execute(get("/version")))
        .isInstanceOf(UncheckedIOException.class);
  }

  /** As the general client: an interrupt does not end a call; the flag stays for the caller. */
  @Test
  void anInterruptDoesNotEndTheCallAndStaysSet() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    UnixSocketHttp http =
        serving(
            r -> {
              asked.countDown();
              try {
                answer.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            });
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                String text = body(http.execute(get("/containers/x/wait")));
                result.complete(text + " interrupted=" + Thread.currentThread().isInterrupted());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    caller.start();
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    Thread.sleep(200);
    answer.countDown();

    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("ok interrupted=true");
  }

  /** Closing the client ends a call the engine never answers (the /version deadline does this). */
  @Test
  void closingEndsACallThatIsNeverAnswered() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    UnixSocketHttp http =
        serving(
            r -> {
              asked.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    CompletableFuture<DockerHttpClient.Response> call =
        CompletableFuture.supplyAsync(() -> http.execute(get("/version")));
    assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();

    http.close();

    assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> http.execute(get("/version")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void attachIsLeftToTheGeneralClient() throws Exception {
    UnixSocketHttp http = serving(r -> bytes("HTTP/1.1 200 OK\r\n\r\n"));

    assertThatThrownBy(
            () ->
                http.execute(
                    DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.POST)
                        .path("/containers/x/attach")
                        .hijackedInput(new ByteArrayInputStream(new byte[0]))
                        .build()))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
