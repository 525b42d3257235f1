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
<<<<<<< HEAD
 * @param functions the app whose functions apply pushes; empty when the spec has no {@code
 *     functions:} section
=======
 * @param proxy the HTTPS proxy in front, or {@link Proxy#NONE}
>>>>>>> proxy
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
<<<<<<< HEAD
    java.util.Optional<Functions> functions) {

  public Spec {
    sensitive = sensitive == null ? Sensitive.NONE : sensitive;
    functions = functions == null ? java.util.Optional.empty() : functions;
  }

  /** A spec without a {@code functions:} section. */
=======
    Proxy proxy) {

  public Spec {
    sensitive = sensitive == null ? Sensitive.NONE : sensitive;
    proxy = proxy == null ? Proxy.NONE : proxy;
  }

  /** A spec without a proxy. */
>>>>>>> proxy
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
<<<<<<< HEAD
        java.util.Optional.empty());
=======
        Proxy.NONE);
>>>>>>> proxy
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
