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
    Outputs outputs) {}
