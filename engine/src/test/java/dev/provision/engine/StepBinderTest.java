package dev.provision.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.exec.Step;
import dev.provision.exec.steps.AdoptVolumeStep;
import dev.provision.exec.steps.CreateDatabaseStep;
import dev.provision.exec.steps.CreateNetworkStep;
import dev.provision.exec.steps.CreateVolumeStep;
import dev.provision.exec.steps.DropDatabaseStep;
import dev.provision.exec.steps.EnsureImageStep;
import dev.provision.exec.steps.RemoveContainerStep;
import dev.provision.exec.steps.RemoveNetworkStep;
import dev.provision.exec.steps.RemoveVolumeStep;
import dev.provision.exec.steps.ReplaceContainerStep;
import dev.provision.exec.steps.SetEnvVarStep;
import dev.provision.exec.steps.SetPostgresPasswordStep;
import dev.provision.exec.steps.StartContainerStep;
import dev.provision.exec.steps.StopWriterStep;
import dev.provision.exec.steps.StoreSecretStep;
import dev.provision.exec.steps.WithoutUndo;
import dev.provision.exec.steps.WriteEnvFileStep;
import dev.provision.live.ObservedResource;
import dev.provision.live.ObservedState;
import dev.provision.live.Ownership;
import dev.provision.live.RuntimeStatus;
import dev.provision.model.Address;
import dev.provision.model.ConfigHash;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.Mount;
import dev.provision.model.SecretKind;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.plan.Change;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Planner;
import dev.provision.plan.Reversibility;
import dev.provision.plan.StepAction;
import dev.provision.plan.Undo;
import dev.provision.plan.Verbs;
import dev.provision.policy.ConvexPolicy;
import dev.provision.secrets.SecretsFile;
import dev.provision.secrets.SpecSecrets;
import dev.provision.spec.SpecReader;
import dev.provision.spec.SpecResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kind of step the planner produces for the example specs (created, changed, upgraded,
 * adopted, destroyed) binds to the step class it always ran as, no planned step is a {@code
 * Recorded} one, and exactly data deletions and forward-only backend upgrades have no undo.
 */
class StepBinderTest {
  private static final Path SPECS = Path.of("..", "specs");
  private static final Map<String, String> ENV =
      Map.of(
          "AUTH_GITHUB_SECRET", "gh-secret-value-0001",
          "PGPASSWORD", "pg-password-value-0002",
          "CONVEX_INSTANCE_SECRET", "ab".repeat(32),
          "OPENAI_API_KEY", "sk-openai-value-0003");
  private static final ConfigHash HASHES = ConfigHash.keyed(new byte[32]);

  private static final Map<String, Class<? extends Step>> CLASSES =
      Map.ofEntries(
          Map.entry(Verbs.CREATE_NETWORK, CreateNetworkStep.class),
          Map.entry(Verbs.REMOVE_NETWORK, RemoveNetworkStep.class),
          Map.entry(Verbs.CREATE_VOLUME, CreateVolumeStep.class),
          Map.entry(Verbs.REMOVE_VOLUME, RemoveVolumeStep.class),
          Map.entry(Verbs.ADOPT_VOLUME, AdoptVolumeStep.class),
          Map.entry(Verbs.STORE_SECRET, StoreSecretStep.class),
          Map.entry(Verbs.ENSURE_IMAGE, EnsureImageStep.class),
          Map.entry(Verbs.START_CONTAINER, StartContainerStep.class),
          Map.entry(Verbs.REPLACE_CONTAINER, ReplaceContainerStep.class),
          Map.entry(Verbs.SET_POSTGRES_PASSWORD, SetPostgresPasswordStep.class),
          Map.entry(Verbs.REMOVE_CONTAINER, RemoveContainerStep.class),
          Map.entry(Verbs.CREATE_DATABASE, CreateDatabaseStep.class),
          Map.entry(Verbs.DROP_DATABASE, DropDatabaseStep.class),
          Map.entry(Verbs.SET_ENV, SetEnvVarStep.class),
          Map.entry(Verbs.UNSET_ENV, SetEnvVarStep.class),
          Map.entry(Verbs.WRITE_FILE, WriteEnvFileStep.class),
          Map.entry(Verbs.STOP_WRITER, StopWriterStep.class));

  @Test
  void everyPlannedKindBindsToTheStepClassItAlwaysRanAs() throws IOException {
    Set<String> seen = new TreeSet<>();
    for (Plan plan : plans()) {
      List<PlannedStep> planned = planned(plan);
      List<Step> steps = binder().steps(plan);
      assertThat(steps).hasSameSizeAs(planned);
      for (int i = 0; i < planned.size(); i++) {
        PlannedStep p = planned.get(i);
        Step step = steps.get(i);
        assertThat(step.id()).isEqualTo(p.id());
        assertThat(step.dependsOn()).isEqualTo(p.dependsOn());
        Class<? extends Step> expected =
            p.verb().equals(Verbs.REPLACE_CONTAINER) && !p.reversible()
                ? WithoutUndo.class
                : CLASSES.get(p.verb());
        assertThat(step).as(p.id()).isInstanceOf(expected);
        seen.add(p.verb());
      }
    }
    assertThat(seen).as("kinds the example plans exercise").isEqualTo(CLASSES.keySet());
  }

  @Test
  void noPlannedStepIsARecordedOne() throws IOException {
    for (Plan plan : plans()) {
      assertThat(planned(plan))
          .noneMatch(p -> p.action() instanceof StepAction.Recorded)
          .allMatch(p -> p.verb().equals(p.id().substring(p.id().indexOf('/') + 1)));
    }
  }

  @Test
  void exactlyDataDeletionsAndForwardOnlyUpgradesHaveNoUndo() throws IOException {
    int forwardOnly = 0;
    for (Plan plan : plans()) {
      for (PlannedStep p : planned(plan)) {
        boolean none =
            p.action() instanceof StepAction.RemoveVolume
                || p.action() instanceof StepAction.DropDatabase
                || (p.action() instanceof StepAction.ReplaceContainer r
                    && r.reversibility() == Reversibility.FORWARD_ONLY);
        assertThat(p.reversal() instanceof Undo.None).as(p.id()).isEqualTo(none);
        assertThat(p.reversible()).isEqualTo(!none);
        assertThat(none ? p.undoNote() : p.undo()).as(p.id()).isNotBlank();
        assertThat(none ? p.undo() : p.undoNote()).as(p.id()).isNull();
        if (p.action() instanceof StepAction.ReplaceContainer r
            && r.reversibility() == Reversibility.FORWARD_ONLY) {
          forwardOnly++;
          assertThat(p.address()).isEqualTo(Names.BACKEND);
          assertThat(p.undoNote()).contains("npx convex export");
        }
      }
    }
    assertThat(forwardOnly).as("backend image upgrades in the corpus").isPositive();
  }

  @Test
  void aStepReadBackFromASavedPlanIsShownButNeverBound() {
    PlannedStep recorded =
        PlannedStep.recorded(
            "volume.data/create-volume",
            Verbs.CREATE_VOLUME,
            Names.DATA_VOLUME,
            List.of(),
            "create volume volume.data",
            "remove the volume",
            null);
    assertThat(recorded.verb()).isEqualTo(Verbs.CREATE_VOLUME);
    assertThat(recorded.undo()).isEqualTo("remove the volume");
    assertThatThrownBy(() -> recorded.action().accept(probe()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void secretValuesInActionsAreMasked() throws IOException {
    for (Plan plan : plans()) {
      String all = planned(plan).stream().map(p -> p.action().toString()).toList().toString();
      for (String secret : ENV.values()) {
        assertThat(all).doesNotContain(secret);
      }
    }
  }

  /** A visitor that only knows the recorded kind, to show it is reached. */
  private static StepAction.Visitor<Step> probe() {
    return (StepAction.Visitor<Step>)
        java.lang.reflect.Proxy.newProxyInstance(
            StepBinderTest.class.getClassLoader(),
            new Class<?>[] {StepAction.Visitor.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static StepBinder binder() {
    return new StepBinder(
        new StepBinder.Needs(
            new SecretsFile(Path.of("unused-secrets.json")),
            () -> {
              throw new AssertionError("binding opens nothing");
            },
            () -> {
              throw new AssertionError("binding opens nothing");
            },
            "app"));
  }

  private static List<PlannedStep> planned(Plan plan) {
    List<PlannedStep> out = new ArrayList<>();
    plan.recovery().ifPresent(r -> out.addAll(r.steps()));
    for (Change c : plan.changes()) {
      out.addAll(c.steps());
    }
    return out;
  }

  /**
   * For each example: against nothing; against itself with changed images and env (replaces, an
   * upgrade, a new Postgres password, env vars to remove); destroyed with its data; and taking over
   * a data volume made by hand with a container still writing it.
   */
  private static synchronized List<Plan> plans() throws IOException {
    if (plans == null) {
      plans = List.copyOf(planAll());
    }
    return plans;
  }

  private static List<Plan> plans;

  private static List<Plan> planAll() throws IOException {
    List<Plan> out = new ArrayList<>();
    for (Path file : examples()) {
      SpecResult read = new SpecReader(ENV).read(file, List.of());
      DesiredState desired = DesiredStateCompiler.compile(read.spec(), SpecSecrets.of(read.spec()));
      Planner.Request request =
          new Planner.Request(
                  file.toString(), "test", List.of(), false, HASHES, ConvexPolicy.instance())
              .generating(EnumSet.of(SecretKind.INSTANCE_SECRET));
      out.add(Planner.plan(desired, ObservedState.empty(desired.deployment()), request));
      out.add(Planner.plan(desired, changed(desired), request));
      out.add(
          Planner.destroy(
              asApplied(desired),
              new Planner.Request(
                  file.toString(), "test", List.of(), true, HASHES, ConvexPolicy.instance())));
      out.add(Planner.plan(desired, takenOver(desired), request));
    }
    return out;
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(SPECS)) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.getFileName().toString().equals("base.yaml"))
          .sorted()
          .toList();
    }
  }

  private static ObservedState asApplied(DesiredState d) {
    TreeMap<Address, ObservedResource> map = new TreeMap<>();
    d.resources().forEach((a, r) -> map.put(a, ObservedResource.of(r)));
    return new ObservedState(d.deployment(), map);
  }

  /**
   * As applied from an older version: the backend ran another image, the dashboard and Postgres
   * other settings, and an env var the spec no longer sets.
   */
  private static ObservedState changed(DesiredState d) {
    TreeMap<Address, ObservedResource> map = new TreeMap<>(asApplied(d).resources());
    edit(map, Names.BACKEND, c -> copy(c, "ghcr.io/get-convex/convex-backend:older", c.env()));
    edit(map, Names.DASHBOARD, c -> copy(c, c.image(), with(c.env(), "OLD", "1")));
    edit(
        map,
        Names.POSTGRES_CONTAINER,
        c -> copy(c, c.image(), with(c.env(), "POSTGRES_PASSWORD", "an-older-password")));
    Address gone = Address.of(Address.Kind.ENV, "REMOVED_FROM_SPEC");
    map.put(
        gone,
        ObservedResource.of(
            new dev.provision.model.EnvVarResource(gone, gone.name(), secret("x"))));
    return new ObservedState(d.deployment(), map);
  }

  /** The data volume exists without provision's labels and a container made by hand writes it. */
  private static ObservedState takenOver(DesiredState d) {
    TreeMap<Address, ObservedResource> map = new TreeMap<>();
    VolumeResource data = (VolumeResource) d.resources().get(Names.DATA_VOLUME);
    map.put(Names.DATA_VOLUME, new ObservedResource(data, null, null, Ownership.FOREIGN));
    Address writer = Address.of(Address.Kind.WRITER, "old-convex");
    ContainerResource c =
        new ContainerResource(
            writer,
            "old-convex",
            "ghcr.io/get-convex/convex-backend:older",
            new TreeMap<>(),
            List.of(),
            List.of(Mount.volume(data.name(), "/convex/data")),
            null,
            null,
            List.of(),
            "unless-stopped",
            null,
            10,
            null,
            List.of(),
            null);
    map.put(
        writer,
        new ObservedResource(c, new RuntimeStatus(true, null, null), null, Ownership.FOREIGN));
    return new ObservedState(d.deployment(), map);
  }

  private static void edit(
      TreeMap<Address, ObservedResource> map, Address a, UnaryOperator<ContainerResource> f) {
    ObservedResource r = map.get(a);
    if (r != null) {
      map.put(a, ObservedResource.of(f.apply((ContainerResource) r.resource())));
    }
  }

  private static java.util.SortedMap<String, Value> with(
      java.util.SortedMap<String, Value> env, String name, String value) {
    java.util.SortedMap<String, Value> out = new TreeMap<>(env);
    out.put(name, secret(value));
    return out;
  }

  private static Value secret(String text) {
    return Value.secret(text);
  }

  private static ContainerResource copy(
      ContainerResource c, String image, java.util.SortedMap<String, Value> env) {
    return new ContainerResource(
        c.address(),
        c.name(),
        image,
        env,
        c.ports(),
        c.mounts(),
        c.network(),
        c.alias(),
        c.command(),
        c.restartPolicy(),
        c.stopSignal(),
        c.stopTimeoutSeconds(),
        c.readiness(),
        List.of(),
        null);
  }
}
