package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Spec;
import dev.provision.model.Target;
import dev.provision.spec.ReferenceMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One spec of a several-spec run, as read before anything runs: its place in the order given, its
 * file, and (when the spec reads) its deployment and target. A spec that does not read still runs
 * as a member: its own block then shows why.
 *
 * @param index the place in the order given, from 0
 * @param deployment empty when the spec does not read
 * @param target where it runs, for display; empty when the spec does not read
 * @param lockKey the engine it runs on ({@link #identity}) then its deployment: the order its lock
 *     is taken in ({@link LockTurns}); empty when the spec does not read
 */
record FleetMember(
    int index,
    Path spec,
    Optional<String> deployment,
    Optional<String> target,
    Optional<String> lockKey) {

  /** A member without a lock key (a command that takes no lock). */
  FleetMember(int index, Path spec, Optional<String> deployment, Optional<String> target) {
    this(index, spec, deployment, target, Optional.empty());
  }

  /** The name shown for this member: its deployment, else its file. */
  String name() {
    return deployment.orElse(spec.toString());
  }

  /**
   * Reads every spec (no secret values needed) and refuses, before anything runs, two specs that
   * name the same deployment on the same target: they would take each other's lock and overwrite
   * each other's containers.
   */
  static List<FleetMember> read(Cli cli, List<Path> specs, List<String> sets) {
    return read(cli, specs, sets, ReferenceMode.RESOLVE, spec -> {});
  }

  /**
   * As {@link #read(Cli, List, List)}, reading each spec as its deployment will ({@code mode}; a
   * spec that does not read so is read as {@code validate} reads it), and gives {@code resolved}
   * each spec that reads with its references resolved, in the order given, once no two specs clash.
   */
  static List<FleetMember> read(
      Cli cli, List<Path> specs, List<String> sets, ReferenceMode mode, Consumer<Spec> resolved) {
    List<FleetMember> members = new ArrayList<>();
    List<Read> reads = readAll(cli, specs, sets, mode);
    List<Optional<Spec>> read = reads.stream().map(Read::spec).toList();
    for (int i = 0; i < specs.size(); i++) {
      Path file = specs.get(i);
      Optional<Spec> spec = read.get(i);
      members.add(
          new FleetMember(
              members.size(),
              file,
              spec.map(Spec::deployment),
              spec.map(s -> describe(s.target())),
              spec.map(s -> identity(s.target(), cli.env()) + "\n" + s.deployment())));
    }
    List<Diagnostic> clashes = clashes(members, read, cli.env());
    if (!clashes.isEmpty()) {
      throw new ProvisionException(clashes);
    }
    reads.stream().filter(Read::resolved).forEach(r -> r.spec().ifPresent(resolved));
    return members;
  }

  /**
   * Reads the specs side by side, one per processor: in the order given, each empty when it does
   * not read (its own block shows why when it runs).
   */
  private static List<Read> readAll(
      Cli cli, List<Path> specs, List<String> sets, ReferenceMode mode) {
    int threads = Math.min(specs.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      return specs.stream().map(file -> readOne(cli, file, sets, mode)).toList();
    }
    ExecutorService pool = Fleet.pool(threads, "read");
    try {
      List<Future<Read>> reads = new ArrayList<>();
      for (Path file : specs) {
        reads.add(pool.submit(() -> readOne(cli, file, sets, mode)));
      }
      List<Read> read = new ArrayList<>();
      for (Future<Read> each : reads) {
        read.add(await(each));
      }
      return read;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A spec as its deployment will read it ({@code mode}, so that the run reuses this read), else as
   * {@code validate} reads it (an unset reference in a sensitive field is no error here: the
   * deployment's own block says so).
   */
  private static Read readOne(Cli cli, Path file, List<String> sets, ReferenceMode mode) {
    try {
      return new Read(
          Optional.of(cli.engine().read(file, sets, mode).spec()), mode == ReferenceMode.RESOLVE);
    } catch (ProvisionException unresolved) {
      if (mode == ReferenceMode.OFFLINE) {
        return new Read(Optional.empty(), false);
      }
      try {
        return new Read(
            Optional.of(cli.engine().read(file, sets, ReferenceMode.OFFLINE).spec()), false);
      } catch (ProvisionException e) {
        return new Read(Optional.empty(), false);
      }
    }
  }

  /**
   * One spec as read before anything runs.
   *
   * @param spec empty when it does not read
   * @param resolved whether every reference resolved (its deployment can run on this read)
   */
  private record Read(Optional<Spec> spec, boolean resolved) {}

  private static Read await(Future<Read> read) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return read.get();
        } catch (InterruptedException e) {
          interrupted = true; // a read is short: finish it, then pass the interrupt on
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * One error per spec that names the same deployment on the same target as an earlier one.
   *
   * @param specs each member's spec, empty when it did not read
   */
  static List<Diagnostic> clashes(
      List<FleetMember> members, List<Optional<Spec>> specs, Map<String, String> env) {
    Map<String, FleetMember> seen = new HashMap<>();
    List<Diagnostic> clashes = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Optional<Spec> spec = specs.get(i);
      if (spec.isEmpty()) {
        continue;
      }
      String key = identity(spec.get().target(), env) + "\n" + spec.get().deployment();
      FleetMember first = seen.putIfAbsent(key, members.get(i));
      if (first != null) {
        clashes.add(clash(first, members.get(i)));
      }
    }
    return clashes;
  }

  private static Diagnostic clash(FleetMember first, FleetMember second) {
    return Diagnostic.error(
            null,
            null,
            "deployment "
                + second.deployment().get()
                + " on "
                + second.target().get()
                + " is named by both "
                + first.spec()
                + " and "
                + second.spec()
                + ": they would take the same lock and the same containers; nothing was run")
        .withHint("give each spec its own deployment name, or run them one at a time");
  }

  /**
   * A target as a person reads it: {@code docker (local)}, {@code docker tcp://h:2375}, ssh, {@code
   * swarm (local)}, {@code swarm tcp://h:2376}, {@code swarm ssh deploy@h:22}.
   */
  static String describe(Target target) {
    if (target instanceof Target.Docker d) {
      return d.host() == null ? "docker (local)" : "docker " + d.host();
    }
    if (target instanceof Target.Swarm w && w.ssh() != null) {
      return "swarm " + describe(w.ssh());
    }
    if (target instanceof Target.Swarm w) {
      return w.host() == null ? "swarm (local)" : "swarm " + w.host();
    }
    Target.Ssh s = (Target.Ssh) target;
    return "ssh " + (s.user() == null ? "" : s.user() + "@") + s.host() + ":" + s.port();
  }

  /**
   * What makes two targets the same engine: the default Docker host spelled out. A Swarm manager is
   * the same engine as a Docker target on its host (their networks and names would collide); one
   * reached over SSH, the same as a {@code target.ssh} on that server.
   */
  static String identity(Target target, Map<String, String> env) {
    if (target instanceof Target.Swarm w && w.ssh() != null) {
      return identity(w.ssh(), env);
    }
    if (target instanceof Target.Docker || target instanceof Target.Swarm) {
      String host = target instanceof Target.Docker d ? d.host() : ((Target.Swarm) target).host();
      if (host == null) {
        host = env.getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
      }
      return "docker " + host;
    }
    Target.Ssh s = (Target.Ssh) target;
    return "ssh " + s.host() + ":" + s.port();
  }
}
