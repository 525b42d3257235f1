package dev.provision.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the nodes of a {@link Dag}: a node starts only after all of its dependencies succeeded, and
 * at most {@code parallelism} nodes run at once. Once any node fails, no new node starts; nodes
 * already running finish. Nodes that can no longer run are reported as skipped (naming the failed
 * ancestor) or not started.
 *
 * <p>Ready nodes start in topological order, so with a parallelism of 1 the run order is exactly
 * {@link Dag#topologicalOrder()}. The walker creates its own threads for each walk and stops them
 * before returning. It does not retry, time out or undo anything: that is its caller's business.
 */
public final class Walker {
  /** What a node does. Any throwable counts as a failure of that node. */
  @FunctionalInterface
  public interface NodeTask {
    void run(String id) throws Exception;
  }

  /**
   * Told on the walking thread, in order, as each node finishes and before any further node starts.
   * Must return quickly and must not throw.
   */
  @FunctionalInterface
  public interface Observer {
    void finished(String id, NodeOutcome outcome);
  }

  public static final int DEFAULT_PARALLELISM = 2;

  private final int parallelism;

  public Walker(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
  }

  public Walker() {
    this(DEFAULT_PARALLELISM);
  }

  /** Walks the whole graph and returns when no node is running any more. */
  public WalkResult walk(Dag dag, NodeTask task) {
    return walk(dag, task, (id, outcome) -> {});
  }

  /** Walks the whole graph, telling {@code observer} about each node that finishes. */
  public WalkResult walk(Dag dag, NodeTask task, Observer observer) {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads());
    try {
      return new Run(dag, task, observer, pool).run();
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "provision-walker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Done(String id, NodeOutcome outcome) {}

  /** The state of one walk; used only by the walking thread. */
  private final class Run {
    private final Dag dag;
    private final NodeTask task;
    private final Observer observer;
    private final ExecutorService pool;
    private final BlockingQueue<Done> finished = new LinkedBlockingQueue<>();
    private final Map<String, NodeOutcome> outcomes = new HashMap<>();
    private final List<String> completed = new ArrayList<>();
    private int running;
    private String firstFailure;
    private boolean interrupted;

    Run(Dag dag, NodeTask task, Observer observer, ExecutorService pool) {
      this.dag = dag;
      this.task = task;
      this.observer = observer;
      this.pool = pool;
    }

    WalkResult run() {
      startReady();
      while (running > 0) {
        Done done;
        try {
          done = finished.take();
        } catch (InterruptedException e) {
          interrupted = true;
          continue;
        }
        running--;
        outcomes.put(done.id(), done.outcome());
        if (done.outcome() instanceof NodeOutcome.Succeeded) {
          completed.add(done.id());
        } else if (firstFailure == null) {
          firstFailure = done.id();
        }
        observer.finished(done.id(), done.outcome());
        startReady();
      }
      // take() may also return an element and leave the flag set instead of throwing.
      interrupted |= Thread.currentThread().isInterrupted();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return new WalkResult(finish(), completed, interrupted);
    }

    private boolean halted() {
      return firstFailure != null || interrupted || Thread.currentThread().isInterrupted();
    }

    private void startReady() {
      for (String id : dag.topologicalOrder()) {
        if (running >= parallelism || halted()) {
          return;
        }
        if (!outcomes.containsKey(id) && allSucceeded(dag.dependenciesOf(id))) {
          outcomes.put(id, null);
          running++;
          pool.execute(() -> finished.add(new Done(id, runOne(id))));
        }
      }
    }

    private boolean allSucceeded(List<String> deps) {
      return deps.stream().allMatch(d -> outcomes.get(d) instanceof NodeOutcome.Succeeded);
    }

    private NodeOutcome runOne(String id) {
      long start = System.nanoTime();
      try {
        task.run(id);
        return new NodeOutcome.Succeeded(Duration.ofNanos(System.nanoTime() - start));
      } catch (Throwable t) {
        return new NodeOutcome.Failed(t, Duration.ofNanos(System.nanoTime() - start));
      }
    }

    /** Fills in skipped and not-started nodes, in topological order. */
    private Map<String, NodeOutcome> finish() {
      Map<String, NodeOutcome> all = new LinkedHashMap<>();
      for (String id : dag.topologicalOrder()) {
        NodeOutcome outcome = outcomes.get(id);
        if (outcome == null) {
          String failed = failedAncestor(id, all);
          outcome =
              failed != null
                  ? new NodeOutcome.Skipped(failed)
                  : new NodeOutcome.NotStarted(firstFailure);
        }
        all.put(id, outcome);
      }
      return all;
    }

    /** The failed node behind {@code id}: a failed dependency or what a skipped one names. */
    private String failedAncestor(String id, Map<String, NodeOutcome> decided) {
      for (String dep : dag.dependenciesOf(id)) {
        NodeOutcome o = decided.get(dep);
        if (o instanceof NodeOutcome.Failed) {
          return dep;
        }
        if (o instanceof NodeOutcome.Skipped s) {
          return s.failedDependency();
        }
      }
      return null;
    }
  }
}
