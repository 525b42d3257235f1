package dev.provision.bench;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.live.ObservedState;
import dev.provision.model.ConfigHash;
import dev.provision.model.DesiredState;
import dev.provision.model.SecretKind;
import dev.provision.plan.Plan;
import dev.provision.plan.Planner;
import dev.provision.policy.ConvexPolicy;
import dev.provision.secrets.SpecSecrets;
import dev.provision.spec.SpecReader;
import dev.provision.spec.SpecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's pure path, without Docker: read a large spec (YAML, JSON-schema validation, the
 * section rules, references), compile the desired state, and plan it against an empty target, so
 * that a regression in the engine itself shows apart from the target's latency. The spec has 500
 * deployment env vars and 20 OIDC auth providers. {@link #readOnly} and {@link #planOnly} split the
 * total.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PurePathBenchmark {
  static final int ENV_VARS = 500;
  static final int PROVIDERS = 20;

  private Path dir;
  private Path spec;
  private Map<String, String> environment;
  private SpecResult read;

  @Setup(Level.Trial)
  public void writeSpec() throws IOException {
    dir = Files.createTempDirectory("provision-jmh");
    spec = dir.resolve("large.yaml");
    environment = new TreeMap<>();
    Files.writeString(spec, LargeSpec.yaml(ENV_VARS, PROVIDERS, environment));
    read = read();
  }

  @TearDown(Level.Trial)
  public void removeSpec() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Read + validate + compile + plan: what a plan costs apart from the target. */
  @Benchmark
  public Plan readCompilePlan() {
    return plan(read());
  }

  /** Read + validate only. */
  @Benchmark
  public SpecResult readOnly() {
    return read();
  }

  /** Compile + plan of an already read spec. */
  @Benchmark
  public Plan planOnly() {
    return plan(read);
  }

  private SpecResult read() {
    SpecResult result = new SpecReader(environment).read(spec, List.of());
    if (result.spec() == null) {
      throw new IllegalStateException("the benchmark spec does not read: " + result);
    }
    return result;
  }

  private static Plan plan(SpecResult read) {
    DesiredState desired = DesiredStateCompiler.compile(read.spec(), SpecSecrets.of(read.spec()));
    Planner.Request request =
        new Planner.Request(
                read.spec().source().toString(),
                "an empty target",
                read.warnings(),
                false,
                ConfigHash.keyed(new byte[32]),
                ConvexPolicy.instance())
            .generating(EnumSet.of(SecretKind.INSTANCE_SECRET));
    return Planner.plan(desired, ObservedState.empty(desired.deployment()), request);
  }
}
