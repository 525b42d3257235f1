package dev.provision.exec.ready;

import dev.provision.driver.http.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP GET for a readiness check: ready on 2xx. The answer's detail holds the status and the
 * start of the body, or the connection error. {@link #jdk()} is the real one ({@link PlainHttp}).
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

  /** A probe over {@link PlainHttp}, giving each attempt {@code timeout} to connect and answer. */
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
    PlainHttp http = new PlainHttp(timeout, timeout);
    return uri -> {
      try {
        PlainHttp.Answer response = http.get(uri, Map.of());
        String body = response.body().strip();
        if (body.length() > BODY_CHARS) {
          body = body.substring(0, BODY_CHARS) + "...";
        }
        String detail = "HTTP " + response.status() + (body.isEmpty() ? "" : ": " + body);
        int status = response.status();
        return status >= 200 && status < 300
            ? CheckAnswer.ready(detail)
            : CheckAnswer.notYet(detail);
      } catch (IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return CheckAnswer.notYet(e.getClass().getSimpleName() + message);
      }
    };
  }
}
