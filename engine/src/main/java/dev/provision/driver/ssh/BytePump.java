package dev.provision.driver.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies bytes both ways between a local socket and a remote stream pair, one daemon thread per
 * direction. When one side ends, the other side's output is ended too (half-close), and when both
 * directions are done, or either fails, every resource is closed once. Not a protocol: bytes only.
 */
final class BytePump {
  private final AtomicInteger running = new AtomicInteger(2);
  private final List<Closeable> resources;

  private BytePump(List<Closeable> resources) {
    this.resources = resources;
  }

  /**
   * Starts copying {@code localIn -> remoteOut} and {@code remoteIn -> localOut}. {@code
   * endLocalOut} and {@code endRemoteOut} end one direction (a socket half-close, an SSH EOF);
   * {@code resources} are closed when the pump is done.
   */
  static void start(
      String name,
      InputStream localIn,
      OutputStream remoteOut,
      Closeable endRemoteOut,
      InputStream remoteIn,
      OutputStream localOut,
      Closeable endLocalOut,
      List<Closeable> resources) {
    BytePump pump = new BytePump(resources);
    pump.thread(name + "-up", localIn, remoteOut, endRemoteOut);
    pump.thread(name + "-down", remoteIn, localOut, endLocalOut);
  }

  private void thread(String name, InputStream in, OutputStream out, Closeable end) {
    Thread t =
        new Thread(
            () -> {
              boolean clean = copy(in, out);
              if (clean) {
                closeQuietly(end);
              }
              if (!clean || running.decrementAndGet() == 0) {
                resources.forEach(BytePump::closeQuietly);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  /** True when the input ended normally, false when either side failed. */
  private static boolean copy(InputStream in, OutputStream out) {
    byte[] buffer = new byte[32 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // already closed or broken: the pump is ending anyway
    }
  }
}
