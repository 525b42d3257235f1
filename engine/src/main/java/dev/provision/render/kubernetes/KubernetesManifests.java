package dev.provision.render.kubernetes;

import dev.provision.diag.Diagnostic;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Rendered Kubernetes objects as text, in apply order, holding no secret value, and what the user
 * should know about them (warnings). Plain strings on purpose: a caller (the CLI) handles them
 * without loading the Kubernetes model.
 */
public record KubernetesManifests(List<Manifest> manifests, List<Diagnostic> warnings) {
  public KubernetesManifests {
    manifests = List.copyOf(manifests);
    warnings = List.copyOf(warnings);
  }

  /** One object: its kind, its name and its YAML document (ending with a newline). */
  public record Manifest(String kind, String name, String yaml) {
    /** The file it is written to with {@code --out DIR}: {@code kind-name.yaml}, lower case. */
    public String fileName() {
      return kind.toLowerCase(Locale.ROOT) + "-" + name + ".yaml";
    }
  }

  /** Every object as one multi-document YAML stream, for {@code kubectl apply -f -}. */
  public String stream() {
    return manifests.stream().map(Manifest::yaml).collect(Collectors.joining("---\n"));
  }
}
