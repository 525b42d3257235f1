package dev.provision.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for a test to publish on or listen on later. Picked at random in 20000-29999:
 * never from Linux's ephemeral range (32768 and up), where a port the kernel gave out and the test
 * released can be given out again as the source port of an outgoing connection (an SSH forward, an
 * HTTP call) before Docker binds it, and then publishing fails; nor from the range a Swarm assigns
 * published ports from (30000-32767). Each port is handed out once per JVM.
 */
public final class FreePorts {
  private static final int FROM = 20000;
  private static final int TO = 30000; // exclusive
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port nothing listens on right now on 127.0.0.1, not handed out before in this JVM. */
  public static int pick() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FROM, TO);
      if (!GIVEN.add(port)) {
        continue;
      }
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // in use: try another
      }
    }
    throw new IllegalStateException("no free loopback port between " + FROM + " and " + TO);
  }
}
