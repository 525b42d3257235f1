package dev.provision.render.kubernetes;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.diag.Quote;
import dev.provision.live.ObservedState;
import dev.provision.model.SecretKind;
import dev.provision.model.Spec;
import dev.provision.secrets.PrivateFiles;
import dev.provision.secrets.SecretResolver;
import dev.provision.secrets.SecretsFile;
import dev.provision.secrets.SpecSecrets;
import dev.provision.spec.SpecFiles;
import dev.provision.spec.SpecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code provision render SPEC --to kubernetes}: the front door of the Kubernetes rendering. The
 * manifests need no secret value (the spec may be read without them); the Secret manifest resolves
 * the secrets as apply does without a target (the spec's references, else the secrets file, else
 * new ones, which are kept in the secrets file so that the next render and a later apply agree).
 */
public final class KubernetesRender {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private KubernetesRender() {}

  /** The manifests of the spec's compiled desired state. */
  public static KubernetesManifests manifests(Spec spec) {
    return manifests(spec, null);
  }

  /** As {@link #manifests(Spec)}, in {@code namespace} (null: none named). */
  public static KubernetesManifests manifests(Spec spec, String namespace) {
    return KubernetesRenderer.render(
        DesiredStateCompiler.compile(spec, SpecSecrets.of(spec)), spec.proxy(), namespace);
  }

  /**
   * Writes the Secret manifest to {@code out}, mode 0600, in {@code namespace} (null: none named),
   * and returns the secrets generated now.
   *
   * @throws ProvisionException when {@code out} is a file of the spec, a symbolic link, or a file
   *     anyone but its owner may read or write
   */
  public static Set<SecretKind> writeSecret(SpecResult result, Path out, String namespace) {
    Namespaces.check(namespace);
    SpecFiles.refuseSecretManifestOutput(result, out, "--secrets");
    refuseUnsafe(out);
    Spec spec = result.spec();
    SecretsFile file = new SecretsFile(spec.secrets().file());
    SecretResolver.Resolved resolved =
        SecretResolver.resolve(
            spec,
            new SecretResolver.Sources(
                ObservedState.empty(spec.deployment()),
                Optional::empty,
                file.read(),
                Map.of(),
                true,
                SecretResolver.Generators.random()));
    String yaml =
        SecretManifest.of(DesiredStateCompiler.compile(spec, resolved.values()), namespace);
    for (SecretKind kind : resolved.generated()) {
      String value =
          switch (kind) {
            case INSTANCE_SECRET -> resolved.values().instanceSecret().orElseThrow().text();
            case POSTGRES_PASSWORD -> resolved.values().postgresPassword().orElseThrow().text();
            case JWT_PRIVATE_KEY -> resolved.values().jwtPrivateKey().orElseThrow().text();
          };
      file.put(kind.fileKey(), value);
    }
    try {
      PrivateFiles.replace(out, yaml.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw ProvisionException.of(
          "cannot write " + Quote.of(out.toString()) + ": " + e.getMessage(),
          "check the folder exists and is writable");
    }
    return resolved.generated();
  }

  /** A link could point anywhere; a file others may read would leak what we write into it. */
  private static void refuseUnsafe(Path out) {
    String why = null;
    try {
      if (Files.isSymbolicLink(out)) {
        why = "is a symbolic link";
      } else if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)
          && !Files.getPosixFilePermissions(out, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
        why = "exists with permissions other than 0600";
      }
    } catch (IOException | UnsupportedOperationException e) {
      why = "cannot be checked (" + e.getMessage() + ")";
    }
    if (why != null) {
      throw new ProvisionException(
          Diagnostic.error(null, "--secrets", "`--secrets` " + Quote.of(out.toString()) + " " + why)
              .withExpected("a new file, or one only its owner may read and write (0600)")
              .withHint("name a new file, or remove this one if it is yours; nothing was written"));
    }
  }
}
