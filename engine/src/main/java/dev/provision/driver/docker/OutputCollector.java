package dev.provision.driver.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects a container's multiplexed output (logs or an exec) into stdout, stderr and both
 * interleaved in arrival order. Output is kept in memory: meant for log tails and short commands.
 */
final class OutputCollector extends ResultCallback.Adapter<Frame> {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream both = new ByteArrayOutputStream();

  @Override
  public synchronized void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null) {
      return;
    }
    (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(payload);
    both.writeBytes(payload);
  }

  synchronized String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  synchronized String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  synchronized String combined() {
    return both.toString(StandardCharsets.UTF_8);
  }
}
