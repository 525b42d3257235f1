package dev.provision.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The opening handshake of the sync websocket ({@code GET /api/sync}, also {@code
 * /api/<version>/sync}): answers 101 Switching Protocols with {@code Sec-WebSocket-Accept} (RFC
 * 6455) so a test can see an upgrade pass a proxy, then closes. It speaks no frames: the stand-in
 * models the handshake, not the sync protocol.
 */
final class SyncUpgrade {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private SyncUpgrade() {}

  /** True when this was a sync upgrade (answered); false to route the request on. */
  static boolean handle(HttpExchange ex, String path) throws IOException {
    String upgrade = ex.getRequestHeaders().getFirst("Upgrade");
    String key = ex.getRequestHeaders().getFirst("Sec-WebSocket-Key");
    if (!path.startsWith("/api/") || !path.endsWith("/sync") || upgrade == null) {
      return false;
    }
    if (!upgrade.toLowerCase(Locale.ROOT).equals("websocket") || key == null) {
      Http.text(ex, 400, "expected a websocket upgrade");
      return true;
    }
    ex.getResponseHeaders().set("Upgrade", "websocket");
    ex.getResponseHeaders().set("Connection", "Upgrade");
    ex.getResponseHeaders().set("Sec-WebSocket-Accept", accept(key.trim()));
    ex.sendResponseHeaders(101, -1);
    ex.close();
    return true;
  }

  static String accept(String key) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
