package dev.provision.engine;

import dev.provision.convex.Keys;
import dev.provision.desired.Names;
import dev.provision.driver.convex.ConvexAdminApi;
import dev.provision.exec.Step;
import dev.provision.exec.steps.AdoptVolumeStep;
import dev.provision.exec.steps.CreateDatabaseStep;
import dev.provision.exec.steps.CreateNetworkStep;
import dev.provision.exec.steps.CreateVolumeStep;
import dev.provision.exec.steps.DropDatabaseStep;
import dev.provision.exec.steps.EnsureImageStep;
import dev.provision.exec.steps.RecoverContainerStep;
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
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Database;
import dev.provision.model.FileResource;
import dev.provision.model.NetworkResource;
import dev.provision.model.Readiness;
import dev.provision.model.Resource;
import dev.provision.model.SecretKind;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.observe.ConvexAccess;
import dev.provision.observe.DatabaseObservation;
import dev.provision.plan.Change;
import dev.provision.plan.PlannedStep;
import dev.provision.plan.Planner;
import dev.provision.plan.RecoveryAction;
import dev.provision.plan.Verbs;
import dev.provision.secrets.SecretSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a plan's steps (data) into executable steps over the session's host, secrets file, Convex
 * admin API and Postgres admin. One case per verb; the step classes do the work.
 */
final class StepFactory {
  private final LiveSession s;
  private final ObservedState recovered;

  StepFactory(LiveSession session) {
    this.s = session;
    this.recovered = Planner.recovered(session.desired, session.observed);
  }

  List<Step> steps() {
    List<Step> out = new ArrayList<>();
    s.plan.recovery().ifPresent(r -> r.actions().forEach(a -> out.add(recover(a))));
    for (Change change : s.plan.changes()) {
      for (PlannedStep p : change.steps()) {
        out.add(step(p));
      }
    }
    return out;
  }

  private Step step(PlannedStep p) {
    Address a = p.address();
    String id = p.id();
    List<String> deps = p.dependsOn();
    return switch (p.verb()) {
      case Verbs.CREATE_NETWORK -> new CreateNetworkStep(id, deps, (NetworkResource) want(a));
      case Verbs.REMOVE_NETWORK ->
          new RemoveNetworkStep(id, deps, ((NetworkResource) have(a)).name());
      case Verbs.CREATE_VOLUME -> new CreateVolumeStep(id, deps, (VolumeResource) want(a));
      case Verbs.REMOVE_VOLUME -> new RemoveVolumeStep(id, deps, ((VolumeResource) have(a)).name());
      case Verbs.STORE_SECRET ->
          new StoreSecretStep(
              id,
              deps,
              s.secretsFile,
              secretKey(a),
              want(a).attributes().get("value"),
              generated(a));
      case Verbs.ENSURE_IMAGE ->
          new EnsureImageStep(id, deps, ((ContainerResource) want(a)).image());
      case Verbs.START_CONTAINER -> {
        ContainerResource c = (ContainerResource) want(a);
        yield new StartContainerStep(
            id, deps, c, s.hashes.of(c), Adoption.labelsFor(c, s.observed));
      }
      case Verbs.REPLACE_CONTAINER -> replace(p);
      case Verbs.SET_POSTGRES_PASSWORD -> postgresPassword(p);
      case Verbs.REMOVE_CONTAINER -> {
        ContainerResource c = (ContainerResource) have(a);
        yield new RemoveContainerStep(id, deps, c.name(), c.stopTimeoutSeconds());
      }
      case Verbs.CREATE_DATABASE ->
          new CreateDatabaseStep(
              id,
              deps,
              () -> DatabaseObservation.admin(s.spec, s.host),
              Names.database(s.spec.deployment()));
      case Verbs.DROP_DATABASE ->
          new DropDatabaseStep(
              id,
              deps,
              () -> DatabaseObservation.admin(s.spec, s.host),
              Names.database(s.spec.deployment()),
              s.spec.database() instanceof Database.ManagedPostgres);
      case Verbs.SET_ENV ->
          new SetEnvVarStep(
              id,
              deps,
              api(),
              a.name(),
              Optional.of(want(a).attributes().get("value")),
              previous(a));
      case Verbs.UNSET_ENV ->
          new SetEnvVarStep(id, deps, api(), a.name(), Optional.empty(), previous(a));
      case Verbs.WRITE_FILE -> envFile(p);
      case Verbs.ADOPT_VOLUME -> new AdoptVolumeStep(id, deps, ((VolumeResource) want(a)).name());
      case Verbs.STOP_WRITER -> {
        ObservedResource w = s.observed.resources().get(a);
        ContainerResource c = (ContainerResource) w.resource();
        yield new StopWriterStep(
            id, deps, c.name(), c.restartPolicy(), w.status() != null && w.status().running());
      }
      default -> throw new IllegalStateException("no step for verb " + p.verb());
    };
  }

  /** Puts back (or finishes) a replace an interrupted apply left half-done; runs first. */
  private Step recover(RecoveryAction a) {
    ContainerResource end =
        a.startsAs()
            .map(s.observed.resources()::get)
            .map(r -> (ContainerResource) r.resource())
            .orElse(null);
    Resource wanted = want(a.address());
    Readiness check =
        wanted instanceof ContainerResource w && w.readiness() != null
            ? w.readiness()
            : new Readiness(Readiness.Kind.RUNNING, 0, null, java.time.Duration.ofSeconds(60));
    ContainerResource ready =
        end == null
            ? null
            : new ContainerResource(
                a.address(),
                a.name(),
                end.image(),
                end.env(),
                end.ports(),
                end.mounts(),
                end.network(),
                end.alias(),
                end.command(),
                end.restartPolicy(),
                end.stopSignal(),
                end.stopTimeoutSeconds(),
                check);
    PlannedStep p = a.step();
    return new RecoverContainerStep(p.id(), p.dependsOn(), a, ready);
  }

  private Step replace(PlannedStep p) {
    ContainerResource before = (ContainerResource) have(p.address());
    ContainerResource after = (ContainerResource) want(p.address());
    Step step = new ReplaceContainerStep(p.id(), p.dependsOn(), before, after, s.hashes.of(after));
    return p.reversible() ? step : new WithoutUndo(step, p.undoNote());
  }

  private Step postgresPassword(PlannedStep p) {
    ContainerResource before = (ContainerResource) have(p.address());
    ContainerResource after = (ContainerResource) want(p.address());
    return new SetPostgresPasswordStep(
        p.id(),
        p.dependsOn(),
        before.name(),
        after.env().get("POSTGRES_USER").text(),
        after.env().get("POSTGRES_PASSWORD"),
        before.env().get("POSTGRES_PASSWORD"));
  }

  private Step envFile(PlannedStep p) {
    FileResource f = (FileResource) want(p.address());
    Value secret = instanceSecret();
    Supplier<Map<String, String>> entries =
        () -> {
          Map<String, String> m = new LinkedHashMap<>();
          m.put("CONVEX_SELF_HOSTED_URL", s.spec.backend().cloudOrigin());
          m.put("CONVEX_SELF_HOSTED_ADMIN_KEY", Keys.adminKey(s.spec.deployment(), secret));
          return m;
        };
    return new WriteEnvFileStep(p.id(), p.dependsOn(), f.path(), entries);
  }

  private Supplier<ConvexAdminApi> api() {
    Value secret = instanceSecret();
    return () -> ConvexAccess.open(s.host, s.desired, secret);
  }

  private Value instanceSecret() {
    return want(Names.INSTANCE_SECRET).attributes().get("value");
  }

  private Optional<Value> previous(Address a) {
    ObservedResource r = s.observed.resources().get(a);
    return r == null ? Optional.empty() : Optional.of(r.resource().attributes().get("value"));
  }

  /** True when apply generated the secret now (nothing outside this apply knows it yet). */
  private boolean generated(Address a) {
    SecretKind kind = SecretKind.at(a).orElseThrow();
    return s.secrets.sources().get(kind) == SecretSource.GENERATED;
  }

  private static String secretKey(Address a) {
    return SecretKind.at(a)
        .orElseThrow(() -> new IllegalStateException("unknown secret " + a))
        .fileKey();
  }

  private Resource want(Address a) {
    return s.desired.resources().get(a);
  }

  /** What the change starts from: as observed, after the recovery from an interrupted apply. */
  private Resource have(Address a) {
    return recovered.resources().get(a).resource();
  }
}
