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

  /** A spec without a {@code backups:} section. */
  public Spec(
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
      java.util.Optional<Functions> functions) {
    this(
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
        Backups.DEFAULT);
  }

  /** The folder backups of this deployment go to (see {@link Backups#dirFor}). */
  public Path backupDir() {
    return backups.dirFor(secrets.file());
  }

  /** A spec without a {@code functions:} section. */
  public Spec(
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
      Proxy proxy) {
    this(
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
        java.util.Optional.empty());
  }

  /** A spec without a proxy. */
  public Spec(
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
      java.util.Optional<Functions> functions) {
    this(
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
        Proxy.NONE,
        functions);
  }

  /** A spec without a proxy or a {@code functions:} section. */
  public Spec(
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
      Sensitive sensitive) {
    this(
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
        Proxy.NONE,
        java.util.Optional.empty());
  }

  /** A spec with nothing read through a reference (built by tests). */
  public Spec(
      Path source,
      String deployment,
      Target target,
      Backend backend,
      Dashboard dashboard,
      Database database,
      Secrets secrets,
      Auth auth,
      SortedMap<String, Value> env,
      Outputs outputs) {
    this(
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
        Sensitive.NONE);
  }
}
