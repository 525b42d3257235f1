package dev.provision.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TEST STAND-IN: the test documents, their API and the format migration, over SQLite. */
class DocumentsTest {
  private static final KeyVerifier KEYS =
      key ->
          switch (key) {
            case "k|rw" -> new KeyVerifier.Verdict(true, false);
            case "k|ro" -> new KeyVerifier.Verdict(true, true);
            default -> KeyVerifier.Verdict.invalid();
          };

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anUpgradeRewritesTheFormatAndAnOlderImageRefusesIt() throws Exception {
    try (Store store = Store.open(connect())) {
      Documents.migrate(store.connection(), 1);
      new Documents(store).put("a", "first");
    }
    try (Store store = Store.open(connect())) {
      assertThat(Documents.migrate(store.connection(), 2)).isEqualTo(1);
      Documents docs = new Documents(store);
      assertThat(docs.all()).isEqualTo(Map.of("a", "first"));
      assertThat(docs.format()).isEqualTo(2);
      try (ResultSet rs =
          store.connection().createStatement().executeQuery("SELECT body FROM standin_documents")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("v2:Zmlyc3Q=");
      }
    }
    try (Store store = Store.open(connect())) {
      assertThatThrownBy(() -> Documents.migrate(store.connection(), 1))
          .isInstanceOf(StartupFailure.class)
          .hasMessage(
              "the stored data format 2 is newer than this backend understands (1);"
                  + " restore a backup taken before the upgrade");
    }
  }

  @Test
  void theApiWritesWithAReadWriteKeyAndReadsWithAnyKey() throws Exception {
    try (Store store = Store.open(connect())) {
      InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
      BackendServer server =
          BackendServer.start(
              any, any, "v", "i", new BackendServer.Parts(KEYS, store, "", () -> {}));
      try {
        String base = "http://127.0.0.1:" + server.apiPort() + DocumentApi.PATH;
        assertThat(post(base, "k|ro", "{\"id\":\"a\",\"text\":\"x\"}")).isEqualTo(403);
        assertThat(post(base, "nope", "{\"id\":\"a\",\"text\":\"x\"}")).isEqualTo(401);
        assertThat(post(base, "k|rw", "{\"id\":\"a\"}")).isEqualTo(400);
        assertThat(post(base, "k|rw", "{\"id\":\"a\",\"text\":\"x\"}")).isEqualTo(200);
        HttpResponse<String> got =
            http.send(
                HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Convex k|ro")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(got.body()).isEqualTo("{\"format\":1,\"documents\":{\"a\":\"x\"}}");
      } finally {
        server.close();
      }
    }
  }

  private int post(String url, String key, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Convex " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite3"));
  }
}
