package dev.provision.testing;

import dev.provision.model.Auth;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import dev.provision.model.Knobs;
import dev.provision.model.Outputs;
import dev.provision.model.Secrets;
import dev.provision.model.Spec;
import dev.provision.model.Target;
import dev.provision.model.Value;
import java.nio.file.Path;
import java.util.TreeMap;

/** Hand-built specs for unit tests of code after the reader; each method returns a fresh spec. */
public final class TestSpecs {
  private TestSpecs() {}

  public static Spec quickstart() {
    Backend backend =
        new Backend(
            "ghcr.io/get-convex/convex-backend:latest",
            "127.0.0.1",
            3210,
            3211,
            "http://127.0.0.1:3210",
            "http://127.0.0.1:3211",
            "app-data",
            Knobs.defaults(),
            true,
            false,
            false,
            null);
    Dashboard dashboard =
        new Dashboard(
            true,
            "ghcr.io/get-convex/convex-dashboard:latest",
            6791,
            "http://127.0.0.1:3210",
            false);
    return Spec.builder()
        .source(Path.of("app.yaml"))
        .deployment("app")
        .target(Target.Docker.local())
        .backend(backend)
        .dashboard(dashboard)
        .database(new Database.Sqlite())
        .secrets(new Secrets(Path.of(".provision/app.secrets.json"), null))
        .auth(Auth.disabled())
        .env(new TreeMap<>())
        .outputs(new Outputs(null))
        .build();
  }

  public static Spec withBackend(Spec s, Backend b) {
    return s.toBuilder().backend(b).build();
  }

  public static Spec withDatabase(Spec s, Database d) {
    return s.toBuilder().database(d).build();
  }

  public static Spec withEnv(Spec s, String name, Value value) {
    TreeMap<String, Value> env = new TreeMap<>(s.env());
    env.put(name, value);
    return s.toBuilder().env(env).build();
  }

  public static Backend image(Backend b, String image) {
    return new Backend(
        image,
        b.bind(),
        b.apiPort(),
        b.sitePort(),
        b.cloudOrigin(),
        b.siteOrigin(),
        b.volume(),
        b.knobs(),
        b.beacon(),
        b.redactLogsToClient(),
        b.metrics(),
        b.s3());
  }

  public static Backend rustLog(Backend b, String level) {
    Knobs k = b.knobs();
    Knobs changed =
        new Knobs(
            k.documentRetentionDelaySeconds(),
            k.httpServerTimeoutSeconds(),
            k.v8ActionTimeoutSeconds(),
            k.nodeActionTimeoutSeconds(),
            k.maxConcurrentQueries(),
            k.maxConcurrentMutations(),
            k.maxConcurrentV8Actions(),
            k.maxConcurrentNodeActions(),
            level);
    return new Backend(
        b.image(),
        b.bind(),
        b.apiPort(),
        b.sitePort(),
        b.cloudOrigin(),
        b.siteOrigin(),
        b.volume(),
        changed,
        b.beacon(),
        b.redactLogsToClient(),
        b.metrics(),
        b.s3());
  }

  public static Database.ManagedPostgres managedPostgres() {
    return new Database.ManagedPostgres("postgres:17", "app-pgdata", "convex", null);
  }
}
