package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.model.SecretKind;
import dev.provision.render.kubernetes.KubernetesManifests;
import dev.provision.render.kubernetes.KubernetesRender;
import dev.provision.render.kubernetes.ManifestFiles;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecResult;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code provision render SPEC --to kubernetes}: the spec's desired state as Kubernetes manifests,
 * on standard output (one stream for {@code kubectl apply -f -}) or one file per object. Touches no
 * target; the manifests hold no secret, and {@code --secrets} writes the Secret they read.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render the spec's deployment for another engine. Touches no target.",
      "--to kubernetes: StatefulSets (backend, managed Postgres; one replica each), the"
          + " dashboard's Deployment, Services, an Ingress for proxy names, and Jobs that create"
          + " the database and set the deployment env vars. Every secret is read from the Secret"
          + " <deployment>-secrets, which --secrets FILE writes (mode 0600)."
    })
final class RenderCommand implements Callable<Integer> {
  /** The engines render can write for. */
  enum Target {
    kubernetes
  }

  @ParentCommand Main main;
  @Mixin SpecOptions options;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
  Path spec;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "TARGET",
      description = "What to render for: ${COMPLETION-CANDIDATES}.")
  Target to;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write one file per object (kind-name.yaml) into DIR instead of standard output, and"
              + " delete the files an earlier render of this deployment wrote there that this"
              + " one no longer writes (only files with provision's labels).")
  Path out;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description =
          "Put every object (and the --secrets Secret) in namespace NS, and render the Namespace"
              + " object first.")
  String namespace;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description =
          "Also write the Secret manifest (secret values: keep it private) to FILE, mode 0600."
              + " Missing secrets are generated and kept in the secrets file, as apply does.")
  Path secrets;

  @Override
  public Integer call() {
    Cli cli = main.cli;
    ReferenceMode mode = secrets == null ? ReferenceMode.OFFLINE : ReferenceMode.RESOLVE;
    SpecResult result = cli.engine().read(spec, options.sets, mode);
    KubernetesManifests manifests = KubernetesRender.manifests(result.spec(), namespace);
    for (Diagnostic warning : result.warnings()) {
      cli.err().println(warning.render());
    }
    for (Diagnostic warning : manifests.warnings()) {
      cli.err().println(warning.render());
    }
    if (secrets != null) {
      Set<SecretKind> generated = KubernetesRender.writeSecret(result, secrets, namespace);
      cli.err().println("wrote the Secret manifest " + secrets + " (mode 0600)");
      if (!generated.isEmpty()) {
        cli.err()
            .println(
                "  generated "
                    + generated.stream().map(SecretKind::label).collect(Collectors.joining(", "))
                    + ", kept in "
                    + result.spec().secrets().file());
      }
    }
    if (out == null) {
      cli.out().print(manifests.stream());
    } else {
      ManifestFiles.Result written =
          ManifestFiles.write(manifests, result.spec().deployment(), out);
      written.written().forEach(file -> cli.out().println("wrote " + file));
      written
          .deleted()
          .forEach(
              file ->
                  cli.out()
                      .println(
                          "deleted "
                              + file
                              + " (an earlier render wrote it; this spec no longer has it)"));
    }
    cli.out().flush();
    cli.err().flush();
    return ExitCodes.OK;
  }
}
