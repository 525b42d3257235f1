package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.SecretKind;
import dev.provision.render.kubernetes.KubernetesManifests;
import dev.provision.render.kubernetes.KubernetesRender;
import dev.provision.spec.ReferenceMode;
import dev.provision.spec.SpecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
          "Write one file per object (kind-name.yaml) into DIR instead of standard output.")
  Path out;

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
    KubernetesManifests manifests = KubernetesRender.manifests(result.spec());
    for (Diagnostic warning : result.warnings()) {
      cli.err().println(warning.render());
    }
    for (Diagnostic warning : manifests.warnings()) {
      cli.err().println(warning.render());
    }
    if (secrets != null) {
      Set<SecretKind> generated = KubernetesRender.writeSecret(result, secrets);
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
      writeFiles(cli, manifests);
    }
    cli.out().flush();
    cli.err().flush();
    return ExitCodes.OK;
  }

  private void writeFiles(Cli cli, KubernetesManifests manifests) {
    try {
      Files.createDirectories(out);
      for (KubernetesManifests.Manifest m : manifests.manifests()) {
        Path file = out.resolve(m.fileName());
        Files.writeString(file, m.yaml(), StandardCharsets.UTF_8);
        cli.out().println("wrote " + file);
      }
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write the manifests into " + out + ": " + e.getMessage(),
          "check that --out names a folder you may write");
    }
  }
}
