package dev.provision.driver.swarm;

import java.io.ByteArrayOutputStream;

/**
 * Splits the multiplexed log stream the engine answers for a container or a service without a TTY
 * (each frame: a stream byte, 1 for stdout and 2 for stderr, three zero bytes, a big-endian 32-bit
 * size, then that many bytes) into its stdout and its stderr. Pure; a truncated last frame keeps
 * the bytes that arrived.
 */
record LogFrames(byte[] stdout, byte[] stderr) {
  static final int HEADER = 8;

  static LogFrames demux(byte[] stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int at = 0;
    while (at + HEADER <= stream.length) {
      int size =
          ((stream[at + 4] & 0xff) << 24)
              | ((stream[at + 5] & 0xff) << 16)
              | ((stream[at + 6] & 0xff) << 8)
              | (stream[at + 7] & 0xff);
      int start = at + HEADER;
      int length = Math.max(0, Math.min(size, stream.length - start));
      (stream[at] == 2 ? err : out).write(stream, start, length);
      at = start + length;
    }
    return new LogFrames(out.toByteArray(), err.toByteArray());
  }
}
