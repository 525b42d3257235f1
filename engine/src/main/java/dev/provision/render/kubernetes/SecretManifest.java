package dev.provision.render.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.convex.AdminKeys;
import dev.provision.convex.BackendContainer;
import dev.provision.convex.InstanceSecret;
import dev.provision.desired.Names;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.EnvVarResource;
import dev.provision.model.Resource;
import dev.provision.model.Value;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret the rendered objects read every sensitive value from, built from a desired state whose
 * secrets are known: each sensitive env value of a rendered container under its env name, and an
 * admin key and the body that sets the deployment env vars (see {@link Jobs}; rendered for every
 * deployment, so the Job also deletes the variables an earlier spec had). Its YAML holds secret
 * values: it is written only to a private file, never to standard output.
 */
final class SecretManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretManifest() {}

  /** The Secret's YAML. */
  static String of(DesiredState desired) {
    return of(desired, null);
  }

  /** The Secret's YAML, in {@code namespace} (null: none named). */
  static String of(DesiredState desired, String namespace) {
    Map<String, String> data = new TreeMap<>();
    for (Resource r : desired.resources().values()) {
      if (r instanceof ContainerResource c && !r.address().equals(Names.PROXY)) {
        c.env().forEach((name, value) -> put(data, name, value));
      }
    }
    ArrayNode changes = JSON.createArrayNode();
    for (Resource r : desired.resources().values()) {
      if (r instanceof EnvVarResource e) {
        changes.addObject().put("name", e.name()).put("value", known(e.value()).text());
      }
    }
    ContainerResource backend = (ContainerResource) desired.resources().get(Names.BACKEND);
    String name = backend.env().get(BackendContainer.INSTANCE_NAME_ENV).text();
    Value secret = known(backend.env().get(BackendContainer.INSTANCE_SECRET_ENV));
    byte[] bytes = InstanceSecret.parse(secret.text(), "the instance secret").bytes();
    data.put(Jobs.ADMIN_KEY, AdminKeys.issue(name, bytes, false));
    ObjectNode body = JSON.createObjectNode();
    body.set("changes", changes);
    data.put(Jobs.ENV_BODY_KEY, json(body));
    Map<String, String> encoded = new TreeMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    ObjectNames names = new ObjectNames(desired.deployment());
    var manifest =
        new SecretBuilder()
            .withMetadata(
                Workloads.meta(
                    names.secret(), new K8sLabels(desired.deployment(), "secrets", null), Map.of()))
            .withType("Opaque")
            .withData(encoded)
            .build();
    manifest.getMetadata().setNamespace(Namespaces.check(namespace));
    return ManifestYaml.write(manifest);
  }

  private static void put(Map<String, String> data, String name, Value value) {
    if (!value.sensitive()) {
      return;
    }
    String text = known(value).text();
    String before = data.putIfAbsent(name, text);
    if (before != null && !before.equals(text)) {
      throw new IllegalStateException("two containers give " + name + " different values");
    }
  }

  private static Value known(Value v) {
    if (v.unresolved() || v.sameAs(dev.provision.desired.SecretValues.UNKNOWN)) {
      throw new IllegalArgumentException("a secret of the Secret manifest is not known");
    }
    return v;
  }

  private static String json(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the env body", e);
    }
  }
}
