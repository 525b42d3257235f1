package dev.provision.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Docker Swarm of N nodes on this machine, for tests: each node is its own dockerd in its
 * own network namespace (and hostname), on a private bridge, made by {@code testing/swarm/node.sh}.
 * Node 0 is the only manager ({@code swarm init}); the others join as workers. Images are saved
 * once from the machine's shared engine and loaded into every node (no registry). The shared engine
 * itself is never put in swarm mode.
 *
 * <p>What this kernel lacks: IPVS. Swarm's virtual-IP load balancing and the ingress routing mesh
 * need it, so services here must use {@code --endpoint-mode dnsrr} (the service name resolves to
 * its tasks' addresses over the overlay) and publish ports with {@code mode=host} (reachable at
 * {@link Node#address()} from this machine). Overlay networks (vxlan) work across nodes.
 *
 * <p>Needs root (see {@link #unavailable()}). Closing removes everything; a JVM shutdown hook
 * closes too, and every start sweeps clusters left by JVMs killed with -9.
 */
public final class SwarmCluster implements AutoCloseable {
  /** One node: {@code dockerHost} is a {@code unix://} URL for {@code docker -H}. */
  public record Node(
      int index, String swarmNodeId, String hostname, String dockerHost, String address) {}

  static final Path ROOT = Path.of(System.getenv().getOrDefault("PT_SW_ROOT", "/var/lib/pt-sw"));
  private static final Duration READY = Duration.ofSeconds(90);
  private static final Duration COMMAND = Duration.ofSeconds(180);

  private final String name;
  private final Path script;
  private final Node[] nodes;
  private final Thread hook;
  private final Set<Integer> stopped = new HashSet<>();
  private boolean closed;

  private SwarmCluster(String name, Path script, int size) {
    this.name = name;
    this.script = script;
    this.nodes = new Node[size];
    this.hook = new Thread(this::close, name + "-close");
  }

  /**
   * For tests: skips (JUnit assumption) where {@link #unavailable()} says why not, except when the
   * environment variable CI is set, where a machine that cannot run the fixture fails.
   */
  public static void assumeAvailable() {
    Optional<String> why = unavailable();
    if (why.isPresent() && System.getenv("CI") != null) {
      throw new AssertionError("CI must run Docker Swarm tests: " + why.get());
    }
    Assumptions.assumeTrue(why.isEmpty(), why.orElse(""));
  }

  /** Why this machine cannot run a cluster (not root, a tool missing), or empty when it can. */
  public static Optional<String> unavailable() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("Docker Swarm test clusters need Linux");
    }
    if (!"0".equals(Commands.run(List.of("id", "-u"), Duration.ofSeconds(10)).strip())) {
      return Optional.of("Docker Swarm test clusters need root (network namespaces, dockerd)");
    }
    for (String tool : List.of("ip", "nsenter", "unshare", "iptables", "flock", "dockerd")) {
      if (!Commands.succeeds(
          List.of("sh", "-c", "command -v " + tool + " || test -x /usr/sbin/" + tool))) {
        return Optional.of("Docker Swarm test clusters need `" + tool + "` on the PATH");
      }
    }
    if (!Files.isDirectory(Path.of("/sys/fs/cgroup/freezer"))) {
      return Optional.of("Docker Swarm test clusters need the cgroup v1 freezer hierarchy");
    }
    return locateScript().isPresent()
        ? Optional.empty()
        : Optional.of("testing/swarm/node.sh not found above " + System.getProperty("user.dir"));
  }

  /**
   * Starts {@code size} nodes, makes the swarm and loads {@code images} from the shared engine into
   * every node. On any failure everything made so far is removed before the exception leaves.
   */
  public static SwarmCluster start(int size, List<String> images) {
    if (size < 1 || size > 20) {
      throw new IllegalArgumentException("nodes must be 1-20: " + size);
    }
    unavailable()
        .ifPresent(
            why -> {
              throw new IllegalStateException(why);
            });
    Path script = locateScript().orElseThrow();
    Commands.run(List.of(script.toString(), "sweep"), COMMAND);
    SwarmCluster cluster = new SwarmCluster("pt-sw-" + randomId(), script, size);
    Runtime.getRuntime().addShutdownHook(cluster.hook);
    try {
      cluster.build(images);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void build(List<String> images) {
    try {
      Files.createDirectories(ROOT.resolve(name));
      Files.writeString(ROOT.resolve(name).resolve("owner"), ownerLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path tar = ROOT.resolve(name).resolve("images.tar");
    CompletableFuture<Void> saved =
        images.isEmpty() ? CompletableFuture.completedFuture(null) : async(() -> save(images, tar));
    List<String> addresses = parallel(i -> script("up", i).strip());
    join(saved);
    Node manager = node(0, addresses.get(0));
    docker(manager, "swarm", "init", "--advertise-addr", manager.address());
    String token = docker(manager, "swarm", "join-token", "-q", "worker").strip();
    parallel(
        i -> {
          if (i > 0) {
            String addr = addresses.get(i);
            docker(
                node(i, addr),
                "swarm",
                "join",
                "--token",
                token,
                "--advertise-addr",
                addr,
                manager.address() + ":2377");
          }
          if (!images.isEmpty()) {
            docker(node(i, addresses.get(i)), "load", "-q", "-i", tar.toString());
          }
          return null;
        });
    for (int i = 0; i < nodes.length; i++) {
      Node bare = node(i, addresses.get(i));
      String id = docker(bare, "info", "-f", "{{.Swarm.NodeID}}").strip();
      nodes[i] = new Node(i, id, bare.hostname(), bare.dockerHost(), bare.address());
      awaitReady(i);
    }
  }

  public String name() {
    return name;
  }

  public List<Node> nodes() {
    return List.copyOf(Arrays.asList(nodes));
  }

  public Node manager() {
    return nodes[0];
  }

  public Node node(int index) {
    return nodes[index];
  }

  /** Runs the docker CLI against node {@code index}; stdout, or an exception carrying stderr. */
  public String docker(int index, String... args) {
    return docker(nodes[index], args);
  }

  /**
   * The node goes down hard, like a power cut: its dockerd, containerd, shims and containers are
   * killed, its network namespace is gone. Its data root stays, for {@link #startNode(int)}.
   */
  public synchronized void stopNode(int index) {
    script("kill", index);
    stopped.add(index);
  }

  /**
   * Boots the node again on its old data root; returns once the manager sees it, and every node not
   * stopped, Ready.
   */
  public synchronized void startNode(int index) {
    script("up", index);
    stopped.remove(index);
    for (int i = 0; i < nodes.length; i++) {
      if (!stopped.contains(i)) {
        awaitReady(i); // a restarted manager takes a moment to hear from its workers again
      }
    }
  }

  /** Removes every node, the bridge, the firewall rule and the cluster's directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
    // In parallel: deleting each node's image layers is most of the time. The last node down
    // removes the bridge, the firewall rule and the cluster's directory.
    parallel(i -> script("down", i));
  }

  private void awaitReady(int index) {
    long deadline = System.nanoTime() + READY.toNanos();
    String id = nodes[index].swarmNodeId();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = docker(manager(), "node", "inspect", "-f", "{{.Status.State}}", id).strip();
        if (last.equals("ready")
            && docker(index, "info", "-f", "{{.Swarm.LocalNodeState}}").strip().equals("active")) {
          return;
        }
      } catch (RuntimeException notYet) {
        last = notYet.getMessage();
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException("node " + index + " of " + name + " not ready: " + last);
  }

  private Node node(int index, String address) {
    Path sock = ROOT.resolve(name).resolve("n" + index).resolve("docker.sock");
    return new Node(index, "", name + "-" + index, "unix://" + sock, address);
  }

  private static String docker(Node node, String... args) {
    List<String> command = new ArrayList<>(List.of("docker", "-H", node.dockerHost()));
    command.addAll(Arrays.asList(args));
    return Commands.run(command, COMMAND);
  }

  private String script(String verb, int index) {
    return Commands.run(List.of(script.toString(), verb, name, Integer.toString(index)), COMMAND);
  }

  private static void save(List<String> images, Path tar) {
    List<String> command = new ArrayList<>(List.of("docker", "save", "-o", tar.toString()));
    command.addAll(images);
    Commands.run(command, COMMAND);
  }

  /**
   * Runs {@code step} for every node at once (own threads: the common pool may have just one), and
   * returns the results in node order.
   */
  private List<String> parallel(IntFunction<String> step) {
    ExecutorService pool = Executors.newFixedThreadPool(nodes.length);
    try {
      List<CompletableFuture<String>> futures =
          IntStream.range(0, nodes.length)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> step.apply(i), pool))
              .toList();
      // Every step finishes (or fails) before the first failure is thrown.
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .join();
      List<String> results = new ArrayList<>();
      for (CompletableFuture<String> future : futures) {
        results.add(join(future));
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  /** Runs {@code step} on a thread of its own. */
  private static CompletableFuture<Void> async(Runnable step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                step.run();
                done.complete(null);
              } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
              }
            });
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** "pid starttime" of this JVM, the same line node.sh writes, so node.sh sweep can tell. */
  private static String ownerLine() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return ProcessHandle.current().pid() + " " + fields[19] + "\n";
  }

  private static Optional<Path> locateScript() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve("testing/swarm/node.sh");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String randomId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
