package dev.provision.cli.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Watches one writer per data set from outside provision while an apply runs: a thread takes
 * samples until stopped, each sample runs every probe, and a probe returns what it saw wrong (two
 * running containers mounting one volume, two running tasks of one service...). Used on Docker
 * ({@link OneWriterIT}) and on a Swarm node ({@link SwarmSafetyIT}).
 */
final class OneWriterSampler implements AutoCloseable {
  private final List<Supplier<List<String>>> probes;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<String> problems = new ArrayList<>();
  private final Thread thread;
  private volatile int samples;

  private OneWriterSampler(List<Supplier<List<String>>> probes) {
    this.probes = probes;
    this.thread = new Thread(this::run, "one-writer-sampler");
  }

  /** Starts sampling with {@code probes} at once. */
  @SafeVarargs
  static OneWriterSampler start(Supplier<List<String>>... probes) {
    OneWriterSampler sampler = new OneWriterSampler(List.of(probes));
    sampler.thread.start();
    return sampler;
  }

  /**
   * A probe over {@code NAME|MOUNTS} lines of running containers ({@link DockerCli#running}): any
   * volume two of them mount.
   */
  static Supplier<List<String>> sharedVolumes(Supplier<List<String>> runningLines) {
    return () -> {
      List<String> shared = new ArrayList<>();
      Map<String, String> owner = new HashMap<>();
      for (String line : runningLines.get()) {
        String[] parts = line.split("\\|", 2);
        String mounts = parts.length > 1 ? parts[1] : "";
        for (String volume : mounts.split(",")) {
          if (volume.isBlank()) {
            continue;
          }
          String other = owner.put(volume.strip(), parts[0]);
          if (other != null) {
            shared.add(volume + " mounted by " + other + " and " + parts[0]);
          }
        }
      }
      return shared;
    };
  }

  private void run() {
    while (!stop.get()) {
      List<String> found = new ArrayList<>();
      for (Supplier<List<String>> probe : probes) {
        try {
          found.addAll(probe.get());
        } catch (RuntimeException | AssertionError e) {
          found.add("a probe failed: " + e.getMessage());
        }
      }
      synchronized (problems) {
        problems.addAll(found);
      }
      samples++;
      try {
        Thread.sleep(20); // each docker call takes ~50 ms already; leave the cores to the apply
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops sampling and waits for the last sample to finish. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join();
  }

  int samples() {
    return samples;
  }

  /** What the probes saw wrong, over all samples (empty: one writer all along). */
  List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }
}
