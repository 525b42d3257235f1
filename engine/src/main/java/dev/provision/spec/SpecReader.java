package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.model.Auth;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import dev.provision.model.Sensitive;
import dev.provision.model.Spec;
import dev.provision.model.Target;
import dev.provision.spec.YNode.YMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Reads a spec file into a validated {@link Spec}: text checks, YAML with positions, overlays
 * ({@code extends:}), {@code --set} overrides, JSON Schema, references ({@code ${env:}}, {@code
 * ${file:}}), then the section rules and cross checks. Collects every problem and throws one {@link
 * dev.provision.diag.ProvisionException} carrying them all; never prints. Reads only the spec, its
 * bases and referenced files.
 */
public final class SpecReader {
  private final Map<String, String> environment;
  private final ReferenceMode mode;

  /**
   * Loads and runs once what reading any spec needs (the YAML parser, the compiled JSON Schema and
   * its validators) on a small spec held in memory, reading no file: for a caller that can do it
   * beside other start-up work, so that the first real read finds it done. Safe to call from any
   * thread, any number of times.
   */
  public static void prepare() {
    Diagnostics ignored = new Diagnostics();
    YMap root =
        YamlComposer.compose(
            "(prepare)", "version: 1\ndeployment: prepare\nbackend: {image: prepare}\n", ignored);
    if (root != null) {
      SchemaCheck.validate(root, ignored);
    }
  }

  /**
   * A reader that resolves every reference (live commands, {@code --require-references}).
   *
   * @param environment the variables {@code ${env:NAME}} reads; the CLI passes System.getenv()
   */
  public SpecReader(Map<String, String> environment) {
    this(environment, ReferenceMode.RESOLVE);
  }

  /**
   * @param environment the variables {@code ${env:NAME}} reads
   * @param mode whether an unset reference in a sensitive, non-structural field may stay unresolved
   *     (offline plans and validate)
   */
  public SpecReader(Map<String, String> environment, ReferenceMode mode) {
    this.environment = Map.copyOf(environment);
    this.mode = mode;
  }

  /** A reader for offline plans and validate: see {@link ReferenceMode#OFFLINE}. */
  public static SpecReader offline(Map<String, String> environment) {
    return new SpecReader(environment, ReferenceMode.OFFLINE);
  }

  /**
   * Reads, merges overlays, applies sets, validates; throws ProvisionException with EVERY error
   * found.
   */
  public SpecResult read(Path file, List<String> sets) {
    Diagnostics diagnostics = new Diagnostics();
    OverlayLoader overlays = new OverlayLoader(diagnostics);
    YMap merged = overlays.load(file);
    if (merged == null) {
      diagnostics.throwIfErrors();
    }
    YMap tree = SetOverrides.apply(merged, sets == null ? List.of() : sets, diagnostics);
    SchemaCheck.validate(tree, diagnostics);
    References references = new References(environment, file, diagnostics, mode);
    YMap resolved = references.resolve(tree);
    SensitiveInput.refuseInNames(resolved, diagnostics);
    Sensitive sensitive = SensitiveInput.collect(resolved, references.read());
    Spec spec =
        assemble(
            file,
            Fields.root(resolved, diagnostics),
            overlays.files(),
            references.files(),
            sensitive);
    Diagnostics shown = redacted(diagnostics, sensitive);
    shown.throwIfErrors();
    return new SpecResult(spec, shown.warnings(), overlays.files(), references.files());
  }

  /**
   * Every diagnostic with the sensitive texts masked: a second net behind the section readers,
   * which already show {@code (sensitive)} for a value read through a reference.
   */
  private static Diagnostics redacted(Diagnostics diagnostics, Sensitive sensitive) {
    Diagnostics out = new Diagnostics();
    for (Diagnostic d : diagnostics.all()) {
      out.add(
          new Diagnostic(
              d.severity(),
              d.position(),
              d.path(),
              sensitive.redact(d.message()),
              sensitive.redact(d.expected()),
              sensitive.redact(d.found()),
              sensitive.redact(d.hint())));
    }
    return out;
  }

  private static Spec assemble(
      Path file, Fields root, List<Path> sources, List<Path> referenced, Sensitive sensitive) {
    String deployment = NameRules.deployment(root);
    var target = TargetSection.read(root, file);
    var proxy = SwarmRules.proxy(root, target, ProxySection.read(root, deployment, file));
    Backend backend =
        SwarmRules.bind(
            root,
            target,
            ProxyOrigins.apply(
                root,
                BackendSection.read(root, deployment, target instanceof Target.Swarm),
                proxy));
    Dashboard dashboard = DashboardSection.read(root, backend);
    ProxyOrigins.checkDashboard(root, dashboard, proxy);
    Database database = DatabaseSection.read(root, deployment, file);
    var secrets = SecretsSection.read(root, deployment, file);
    Auth auth = AuthSection.read(root, backend.siteOrigin());
    SortedMap<String, dev.provision.model.Value> env = EnvSection.read(root, auth);
    var outputs = OutputsSection.read(root, file);
    var functions = FunctionsSection.read(root, file);
    var backups = BackupsSection.read(root, file);
    CrossChecks.run(root, backend, dashboard, database);
    SwarmRules.check(root, target, backend, dashboard, database, proxy);
    SpecFiles.check(root, sources, referenced, secrets, outputs);
    return new Spec(
        file,
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
