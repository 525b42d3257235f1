package dev.provision.model;

import java.nio.file.Path;
import java.util.SortedMap;

/**
 * A validated spec: what the user asked for, with every default filled in and every reference
 * resolved. Produced only by {@code dev.provision.spec.SpecReader}; nothing here can be invalid.
 *
 * @param source the spec file (the last overlay when several were merged)
 * @param deployment the instance name: names containers, volumes, labels, the Postgres database and
 *     prefixes admin keys
 * @param env the deployment env vars (what {@code npx convex env set} would set), sorted by name
 * @param sensitive the texts that must never be shown (see {@link Sensitive})
 * @param proxy the HTTPS proxy in front, or {@link Proxy#NONE}
 * @param functions the app whose functions apply pushes; empty when the spec has no {@code
 *     functions:} section
 * @param backups where backups go and how many are kept ({@link Backups#DEFAULT} without a {@code
 *     backups:} section)
 */
public record Spec(
    Path source,
    String deployment,
    Target target,
    Backend backend,
    Dashboard dashboard,
    Database database,
    Secrets secrets,
    Auth auth,
    SortedMap<String, Value> env,
    Outputs outputs,
    Sensitive sensitive,
    Proxy proxy,
    java.util.Optional<Functions> functions,
    Backups backups) {

  public Spec {
    backups = backups == null ? Backups.DEFAULT : backups;
    sensitive = sensitive == null ? Sensitive.NONE : sensitive;
    proxy = proxy == null ? Proxy.NONE : proxy;
    functions = functions == null ? java.util.Optional.empty() : functions;
  }

  /** The folder backups of this deployment go to (see {@link Backups#dirFor}). */
  public Path backupDir() {
    return backups.dirFor(secrets.file());
  }

  /** A builder for a spec (tests); unset optional sections take their defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.source = source;
    b.deployment = deployment;
    b.target = target;
    b.backend = backend;
    b.dashboard = dashboard;
    b.database = database;
    b.secrets = secrets;
    b.auth = auth;
    b.env = env;
    b.outputs = outputs;
    b.sensitive = sensitive;
    b.proxy = proxy;
    b.functions = functions;
    b.backups = backups;
    return b;
  }

  /** Builds a {@link Spec} field by field; {@link #build()} applies the record's defaults. */
  public static final class Builder {
    private Path source;
    private String deployment;
    private Target target;
    private Backend backend;
    private Dashboard dashboard;
    private Database database;
    private Secrets secrets;
    private Auth auth;
    private SortedMap<String, Value> env;
    private Outputs outputs;
    private Sensitive sensitive;
    private Proxy proxy;
    private java.util.Optional<Functions> functions;
    private Backups backups;

    private Builder() {}

    public Builder source(Path value) {
      source = value;
      return this;
    }

    public Builder deployment(String value) {
      deployment = value;
      return this;
    }

    public Builder target(Target value) {
      target = value;
      return this;
    }

    public Builder backend(Backend value) {
      backend = value;
      return this;
    }

    public Builder dashboard(Dashboard value) {
      dashboard = value;
      return this;
    }

    public Builder database(Database value) {
      database = value;
      return this;
    }

    public Builder secrets(Secrets value) {
      secrets = value;
      return this;
    }

    public Builder auth(Auth value) {
      auth = value;
      return this;
    }

    public Builder env(SortedMap<String, Value> value) {
      env = value;
      return this;
    }

    public Builder outputs(Outputs value) {
      outputs = value;
      return this;
    }

    public Builder functions(java.util.Optional<Functions> value) {
      functions = value;
      return this;
    }

    public Spec build() {
      return new Spec(
          source,
          deployment,
          target,
          backend,
          dashboard,
          database,
          secrets,
          auth,
          env,
          outputs,
          sensitive,
          proxy,
          functions,
          backups);
    }
  }
}
