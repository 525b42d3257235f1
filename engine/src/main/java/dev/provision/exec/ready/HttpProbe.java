package dev.provision.exec.ready;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One HTTP GET for a readiness check: ready on 2xx. The answer's detail holds the status and the
 * start of the body, or the connection error. {@link #jdk()} is the real one (java.net.http).
 */
@FunctionalInterface
public interface HttpProbe {
  int BODY_CHARS = 200;

  CheckAnswer get(URI uri);

  /**
   * The same probe for a link with round-trip time {@code roundTrip}: each attempt may take three
   * more round trips (a tunnel's channel open, the request and the answer). This one by default.
   */
  default HttpProbe over(Duration roundTrip) {
    return this;
  }

  /** A probe over {@link HttpClient}, giving each attempt {@code timeout} to connect and answer. */
  static HttpProbe jdk(Duration timeout) {
    HttpProbe probe = jdkOnly(timeout);
    return new HttpProbe() {
      @Override
      public CheckAnswer get(URI uri) {
        return probe.get(uri);
      }

      @Override
      public HttpProbe over(Duration roundTrip) {
        return roundTrip.isZero() ? this : jdk(timeout.plus(roundTrip.multipliedBy(3)));
      }
    };
  }

  private static HttpProbe jdkOnly(Duration timeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return uri -> {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body().strip();
        if (body.length() > BODY_CHARS) {
          body = body.substring(0, BODY_CHARS) + "...";
        }
        String detail = "HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body);
        int status = response.statusCode();
        return status >= 200 && status < 300
            ? CheckAnswer.ready(detail)
            : CheckAnswer.notYet(detail);
      } catch (IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return CheckAnswer.notYet(e.getClass().getSimpleName() + message);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CheckAnswer.notYet("interrupted");
      }
    };
  }
}
