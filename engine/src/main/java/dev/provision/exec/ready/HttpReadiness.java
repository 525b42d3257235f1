package dev.provision.exec.ready;

import java.net.URI;

/** Ready when a GET of the endpoint plus path answers 2xx. */
final class HttpReadiness implements ReadinessStrategy {
  private final HttpProbe http;
  private final URI uri;

  HttpReadiness(HttpProbe http, URI base, String path) {
    this.http = http;
    this.uri = resolve(base, path);
  }

  static URI resolve(URI base, String path) {
    String b = base.toString();
    String p = path == null || path.isEmpty() ? "/" : path;
    if (b.endsWith("/") && p.startsWith("/")) {
      return URI.create(b + p.substring(1));
    }
    return URI.create(b.endsWith("/") || p.startsWith("/") ? b + p : b + "/" + p);
  }

  @Override
  public CheckAnswer check() {
    return http.get(uri);
  }

  @Override
  public String describe() {
    return "GET " + uri;
  }
}
