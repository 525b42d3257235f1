package dev.provision.desired;

import dev.provision.convex.AuthEnv;
import dev.provision.convex.BackendContainer;
import dev.provision.convex.DashboardContainer;
import dev.provision.convex.EnvFileKeys;
import dev.provision.convex.FrontendEnvKeys;
import dev.provision.model.Address;
import dev.provision.model.Auth;
import dev.provision.model.Backend;
import dev.provision.model.ContainerResource;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import dev.provision.model.DatabaseResource;
import dev.provision.model.DesiredState;
import dev.provision.model.EnvVarResource;
import dev.provision.model.FileResource;
import dev.provision.model.FrontendEnv;
import dev.provision.model.Mount;
import dev.provision.model.NetworkResource;
import dev.provision.model.PortBinding;
import dev.provision.model.Readiness;
import dev.provision.model.Resource;
import dev.provision.model.SecretKind;
import dev.provision.model.SecretResource;
import dev.provision.model.Sensitive;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.postgres.PostgresEndpoint;
import dev.provision.postgres.PostgresImage;
import dev.provision.postgres.PostgresUrlParser;
import dev.provision.postgres.PostgresUrls;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compiles a validated spec and the known secrets into the desired state: a pure function, so the
 * same spec always gives the same resources, and planning a spec against itself is empty.
 */
public final class DesiredStateCompiler {
  private static final Duration BACKEND_READY = Duration.ofSeconds(120);
  private static final Duration DASHBOARD_READY = Duration.ofSeconds(60);
  private static final Duration POSTGRES_READY = Duration.ofSeconds(60);

  private final SortedMap<Address, Resource> out = new TreeMap<>();
  private final Sensitive sensitive;

  private DesiredStateCompiler(Sensitive sensitive) {
    this.sensitive = sensitive;
  }

  public static DesiredState compile(Spec spec, SecretValues secrets) {
    return new DesiredStateCompiler(spec.sensitive()).run(spec, secrets);
  }

  /**
   * The volumes {@link #compile} gives for {@code spec} (whatever the secrets), in the order of
   * their addresses as there, without compiling the rest: what adoption looks for on the host
   * before the secrets are known.
   */
  public static List<VolumeResource> volumes(Spec spec) {
    List<VolumeResource> volumes = new ArrayList<>();
    volumes.add(new VolumeResource(Names.DATA_VOLUME, spec.backend().volume()));
    if (spec.proxy().enabled()) {
      volumes.add(new VolumeResource(Names.PROXY_VOLUME, spec.proxy().volume()));
    }
    if (spec.database() instanceof Database.ManagedPostgres m) {
      volumes.add(new VolumeResource(Names.POSTGRES_VOLUME, m.volume()));
    }
    volumes.sort(java.util.Comparator.comparing(VolumeResource::address));
    return volumes;
  }

  private DesiredState run(Spec spec, SecretValues secrets) {
    String dep = spec.deployment();
    String network = Names.network(dep);
    add(new NetworkResource(Names.NETWORK, network));
    add(new VolumeResource(Names.DATA_VOLUME, spec.backend().volume()));
    Value secret = secrets.instanceSecretOrUnknown();
    add(new SecretResource(SecretKind.INSTANCE_SECRET, secret));

    Value pgPassword = postgres(spec, secrets, network);
    SortedMap<String, Value> dbEnv = databaseEnv(spec.database(), pgPassword);
    add(backend(spec, network, BackendEnvironment.of(spec, secret, dbEnv)));
    if (spec.dashboard().enabled()) {
      add(dashboard(spec, network));
    }
    if (spec.proxy().enabled()) {
      add(new VolumeResource(Names.PROXY_VOLUME, spec.proxy().volume()));
      add(ProxyResources.container(spec, network));
    }
    deploymentEnv(spec, secrets);
    managedEnvMarker();
    if (spec.outputs().envFile() != null) {
      add(envFile(spec.outputs().envFile(), spec.backend(), secret));
    }
    if (spec.outputs().frontendEnv() != null) {
      add(frontendEnv(spec.outputs().frontendEnv(), spec));
    }
    return new DesiredState(dep, out, spec.sensitive());
  }

  private Value postgres(Spec spec, SecretValues secrets, String network) {
    if (spec.database() instanceof Database.ManagedPostgres m) {
      Value password;
      if (m.password() != null) {
        password = m.password().asSensitive();
      } else {
        password = secrets.postgresPasswordOrUnknown();
        add(new SecretResource(SecretKind.POSTGRES_PASSWORD, password));
      }
      add(new VolumeResource(Names.POSTGRES_VOLUME, m.volume()));
      SortedMap<String, Value> env = new TreeMap<>();
      env.put(PostgresImage.USER_ENV, Value.plain(m.user()));
      env.put(PostgresImage.PASSWORD_ENV, password);
      add(
          new ContainerResource(
              Names.POSTGRES_CONTAINER,
              Names.container(spec.deployment(), "postgres"),
              m.image(),
              env,
              List.of(),
              List.of(Mount.volume(m.volume(), PostgresImage.DATA_PATH)),
              network,
              Names.POSTGRES_ALIAS,
              List.of(),
              "unless-stopped",
              "SIGINT",
              30,
              new Readiness(Readiness.Kind.POSTGRES, PostgresImage.PORT, null, POSTGRES_READY),
              List.of(),
              PostgresImage.healthCheck(m.user())));
      add(new DatabaseResource(Names.DATABASE, "managed", Names.database(spec.deployment())));
      return password;
    }
    if (spec.database() instanceof Database.ExternalPostgres e && e.urlUnresolved()) {
      add(
          new DatabaseResource(
              Names.DATABASE, e.url(), Names.database(spec.deployment()), e.urlFrom()));
    } else if (spec.database() instanceof Database.ExternalPostgres e) {
      URI uri = URI.create(e.url());
      int port = uri.getPort() < 0 ? PostgresImage.PORT : uri.getPort();
      add(
          new DatabaseResource(
              Names.DATABASE, uri.getHost() + ":" + port, Names.database(spec.deployment())));
    }
    return null;
  }

  /**
   * The backend's database env vars: nothing for SQLite; for Postgres a POSTGRES_URL without a
   * database path (the backend appends the database named after the instance), plus
   * DO_NOT_REQUIRE_SSL for a server without TLS and PG_CA_FILE for a self-signed one.
   */
  private static SortedMap<String, Value> databaseEnv(Database db, Value managedPassword) {
    if (db instanceof Database.ManagedPostgres m) {
      return PostgresUrls.backendEnv(
          PostgresUrls.managed(Names.POSTGRES_ALIAS, m.user(), managedPassword), null);
    }
    if (db instanceof Database.ExternalPostgres e && e.urlUnresolved()) {
      return PostgresUrls.offlineBackendEnv(
          e, e.caFile() == null ? null : PostgresUrls.CA_CONTAINER_PATH);
    }
    if (db instanceof Database.ExternalPostgres e) {
      PostgresEndpoint endpoint = new PostgresUrlParser("database.postgres.external").parse(e);
      return PostgresUrls.backendEnv(
          endpoint, e.caFile() == null ? null : PostgresUrls.CA_CONTAINER_PATH);
    }
    return new TreeMap<>();
  }

  private static ContainerResource backend(
      Spec spec, String network, SortedMap<String, Value> env) {
    Backend b = spec.backend();
    List<Mount> mounts = new ArrayList<>();
    mounts.add(Mount.volume(b.volume(), BackendContainer.DATA_PATH));
    if (spec.database() instanceof Database.ExternalPostgres e && e.caFile() != null) {
      String source = Path.of(e.caFile()).toAbsolutePath().normalize().toString();
      mounts.add(Mount.bindReadOnly(source, PostgresUrls.CA_CONTAINER_PATH));
    }
    mounts.addAll(ProxyResources.backendMounts(spec.proxy()));
    List<PortBinding> ports =
        List.of(
            new PortBinding(b.bind(), b.apiPort(), BackendContainer.API_PORT),
            new PortBinding(b.bind(), b.sitePort(), BackendContainer.SITE_PORT));
    return new ContainerResource(
        Names.BACKEND,
        Names.container(spec.deployment(), "backend"),
        b.image(),
        env,
        ports,
        mounts,
        network,
        "backend",
        List.of(),
        "unless-stopped",
        "SIGINT",
        10,
        Readiness.http(BackendContainer.API_PORT, BackendContainer.VERSION_PATH, BACKEND_READY),
        List.of(),
        BackendContainer.healthCheck());
  }

  private static ContainerResource dashboard(Spec spec, String network) {
    Dashboard d = spec.dashboard();
    SortedMap<String, Value> env = new TreeMap<>();
    env.put(DashboardContainer.DEPLOYMENT_URL_ENV, Value.plain(d.deploymentUrl()));
    return new ContainerResource(
        Names.DASHBOARD,
        Names.container(spec.deployment(), "dashboard"),
        d.image(),
        env,
        List.of(new PortBinding(spec.backend().bind(), d.port(), DashboardContainer.PORT)),
        List.of(),
        network,
        "dashboard",
        List.of(),
        "unless-stopped",
        "SIGINT",
        10,
        Readiness.http(DashboardContainer.PORT, "/", DASHBOARD_READY),
        List.of(),
        null);
  }

  private void deploymentEnv(Spec spec, SecretValues secrets) {
    spec.env().forEach(this::env);
    Auth auth = spec.auth();
    if (auth == null || !auth.enabled()) {
      return;
    }
    add(new SecretResource(SecretKind.JWT_PRIVATE_KEY, secrets.jwtPrivateKeyOrUnknown()));
    env(AuthEnv.JWT_PRIVATE_KEY, secrets.jwtPrivateKeyOrUnknown());
    env(AuthEnv.JWKS, secrets.jwksOrUnknown());
    AuthEnv.providerVariables(auth).forEach(this::env);
  }

  /**
   * Lists the env var names the engine manages in one more deployment env var, so a later apply
   * deletes only variables the engine created, never the user's own.
   */
  private void managedEnvMarker() {
    List<String> names =
        out.keySet().stream().filter(a -> a.kind() == Address.Kind.ENV).map(Address::name).toList();
    if (!names.isEmpty()) {
      env(Names.MANAGED_ENV, Value.plain(String.join(",", names)));
    }
  }

  private static FileResource envFile(Path path, Backend b, Value secret) {
    SortedMap<String, Value> entries = new TreeMap<>();
    entries.put(EnvFileKeys.URL, Value.plain(b.cloudOrigin()));
    entries.put(EnvFileKeys.ADMIN_KEY, AdminKeyPlaceholder.forSecret(secret));
    return new FileResource(Names.ENV_FILE, path, entries);
  }

  private static FileResource frontendEnv(FrontendEnv f, Spec spec) {
    SortedMap<String, Value> entries = new TreeMap<>();
    entries.put(FrontendEnvKeys.url(f.framework()), Value.plain(spec.backend().cloudOrigin()));
    if (f.siteUrl() || spec.auth().enabled()) {
      entries.put(FrontendEnvKeys.siteUrl(f.framework()), Value.plain(spec.backend().siteOrigin()));
    }
    return new FileResource(Names.FRONTEND_ENV, f.path(), entries);
  }

  private void env(String name, Value value) {
    add(new EnvVarResource(Address.of(Address.Kind.ENV, name), name, value));
  }

  /**
   * Adds a resource with every value that holds (or was derived from) a sensitive text of the spec
   * marked sensitive, whatever built it: sensitivity flows with the value.
   */
  private void add(Resource resource) {
    out.put(resource.address(), marked(resource));
  }

  private Resource marked(Resource r) {
    if (r instanceof EnvVarResource e) {
      return new EnvVarResource(e.address(), e.name(), sensitive.mark(e.value()));
    }
    if (r instanceof FileResource f) {
      return new FileResource(f.address(), f.path(), marked(f.entries()));
    }
    if (r instanceof ContainerResource c) {
      return c.withEnv(marked(c.env()));
    }
    return r;
  }

  private SortedMap<String, Value> marked(SortedMap<String, Value> values) {
    SortedMap<String, Value> copy = new TreeMap<>();
    values.forEach((k, v) -> copy.put(k, sensitive.mark(v)));
    return copy;
  }
}
