package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.model.Auth;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import dev.provision.model.Sensitive;
import dev.provision.model.Spec;
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

  /**
   * @param environment the variables {@code ${env:NAME}} reads; the CLI passes System.getenv()
   */
  public SpecReader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * Reads, merges overlays, applies sets, validates; throws ProvisionException with EVERY error
   * found.
   */
  public SpecResult read(Path file, List<String> sets) {
    Diagnostics diagnostics = new Diagnostics();
    YMap merged = new OverlayLoader(diagnostics).load(file);
    if (merged == null) {
      diagnostics.throwIfErrors();
    }
    YMap tree = SetOverrides.apply(merged, sets == null ? List.of() : sets, diagnostics);
    SchemaCheck.validate(tree, diagnostics);
    References references = new References(environment, file, diagnostics);
    YMap resolved = references.resolve(tree);
    SensitiveInput.refuseInNames(resolved, diagnostics);
    Sensitive sensitive = SensitiveInput.collect(resolved, references.read());
    Spec spec = assemble(file, Fields.root(resolved, diagnostics), sensitive);
    Diagnostics shown = redacted(diagnostics, sensitive);
    shown.throwIfErrors();
    return new SpecResult(spec, shown.warnings());
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

  private static Spec assemble(Path file, Fields root, Sensitive sensitive) {
    String deployment = NameRules.deployment(root);
    var target = TargetSection.read(root, file);
    Backend backend = BackendSection.read(root, deployment);
    Dashboard dashboard = DashboardSection.read(root, backend);
    Database database = DatabaseSection.read(root, deployment, file);
    var secrets = SecretsSection.read(root, deployment, file);
    Auth auth = AuthSection.read(root, backend.siteOrigin());
    SortedMap<String, dev.provision.model.Value> env = EnvSection.read(root, auth);
    var outputs = OutputsSection.read(root, file);
    CrossChecks.run(root, backend, dashboard, database);
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
        sensitive);
  }
}
