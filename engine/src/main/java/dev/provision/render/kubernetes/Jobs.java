package dev.provision.render.kubernetes;

import dev.provision.convex.BackendContainer;
import dev.provision.desired.Names;
import dev.provision.driver.convex.ConvexApiRequests;
import dev.provision.model.Value;
import dev.provision.postgres.PostgresUrls;
import dev.provision.spec.DatabaseSection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-shot work apply does through Docker and the Convex API, as Jobs: creating the Postgres
 * database the backend needs (it does not create it), and setting the deployment env vars through
 * the backend's admin API. Both are safe to run again: the database is created only when missing,
 * and setting a variable to the value it has changes nothing.
 */
final class Jobs {
  /** A psql client for an external server (managed Postgres uses its own image). */
  static final String CLIENT_IMAGE = DatabaseSection.DEFAULT_POSTGRES_IMAGE;

  /** The Secret key holding the JSON body of the env var update (see {@code SecretManifest}). */
  static final String ENV_BODY_KEY = "deployment-env.json";

  /** The Secret key holding an admin key issued from the instance secret. */
  static final String ADMIN_KEY = "ADMIN_KEY";

  static final String ENV_MOUNT = "/provision";

  private Jobs() {}

  /** Creates {@code database} when missing, as the user in the backend's POSTGRES_URL. */
  static HasMetadata createDatabase(
      ObjectNames names, K8sLabels labels, String image, Value postgresUrl, String database) {
    String script =
        String.join(
            "\n",
            "set -eu",
            "url=\"$" + PostgresUrls.POSTGRES_URL + "\"",
            "case \"$url\" in *\\?*) url=\"$url&dbname=postgres\" ;; *) url=\"$url?dbname=postgres\" ;; esac",
            "until pg_isready -q -d \"$url\"; do sleep 2; done",
            "found=$(psql -d \"$url\" -tAc \"SELECT 1 FROM pg_database WHERE datname = '"
                + database
                + "'\")",
            "if [ \"$found\" != 1 ]; then",
            "  psql -d \"$url\" -v ON_ERROR_STOP=1 -c 'CREATE DATABASE \"" + database + "\"'",
            "fi",
            "");
    Map<String, Value> env = new TreeMap<>();
    env.put(PostgresUrls.POSTGRES_URL, postgresUrl);
    Container container =
        new ContainerBuilder()
            .withName("create-database")
            .withImage(image)
            .withCommand("sh", "-c", script)
            .withEnv(Containers.env(env, names.secret()))
            .build();
    return job(names.databaseJob(), labels, container, List.of());
  }

  /**
   * Sets the deployment env vars (what {@code npx convex env set} does) with the backend image's
   * curl, once the backend answers, and first deletes the ones provision set before that the spec
   * no longer has: the names listed in the deployment's {@code PROVISION_MANAGED_ENV} (as apply on
   * Docker keeps it) that the new list (in the body) lacks and the deployment still has, so a
   * variable someone else set is never deleted and a rerun deletes nothing twice. The body and the
   * admin key come from the Secret: the body holds secret values (the JWT key, provider secrets);
   * the script is the same for every spec, so the Job object does not change when the env does.
   * Rendered for every deployment, so that a spec that drops its last variable still deletes them
   * (and the list itself).
   */
  static HasMetadata deploymentEnv(ObjectNames names, K8sLabels labels, String backendImage) {
    String script = envScript();
    Map<String, Value> env = new TreeMap<>();
    env.put(ADMIN_KEY, Value.secret(ADMIN_KEY));
    Container container =
        new ContainerBuilder()
            .withName("deployment-env")
            .withImage(backendImage)
            .withCommand("sh", "-c", script)
            .withEnv(Containers.env(env, names.secret()))
            .addNewVolumeMount()
            .withName("body")
            .withMountPath(ENV_MOUNT)
            .withReadOnly(true)
            .endVolumeMount()
            .build();
    Volume body =
        new VolumeBuilder()
            .withName("body")
            .withNewSecret()
            .withSecretName(names.secret())
            .addNewItem()
            .withKey(ENV_BODY_KEY)
            .withPath(ENV_BODY_KEY)
            .endItem()
            .endSecret()
            .build();
    return job(names.envJob(), labels, container, List.of(body));
  }

  /**
   * The env Job's shell script. Names are {@code [A-Za-z0-9_]} and quotes inside JSON strings are
   * escaped, so {@code "PROVISION_MANAGED_ENV":"} and {@code "NAME":} match only keys.
   */
  static String envScript() {
    String api = "http://backend:" + BackendContainer.API_PORT;
    String managed = Names.MANAGED_ENV;
    String curl =
        "curl --fail --silent --show-error --retry 60 --retry-delay 5 --retry-all-errors"
            + " -H \"Authorization: Convex $"
            + ADMIN_KEY
            + "\"";
    String post = curl + " -X POST -H 'Content-Type: application/json' ";
    return String.join(
        "\n",
        "set -eu",
        "body=" + ENV_MOUNT + "/" + ENV_BODY_KEY,
        "live=$(" + curl + " " + api + ConvexApiRequests.LIST_ENV + ")",
        "old=$(printf '%s' \"$live\" | sed -n 's/.*\""
            + managed
            + "\":\"\\([A-Za-z0-9_,]*\\)\".*/\\1/p')",
        "new=$(sed -n 's/.*\"name\":\""
            + managed
            + "\",\"value\":\"\\([A-Za-z0-9_,]*\\)\".*/\\1/p' \"$body\")",
        "gone=''",
        "for name in $(printf '%s' \"$old\" | tr ',' ' '); do",
        "  case \",$new,\" in *\",$name,\"*) continue ;; esac",
        "  case \"$live\" in *\"\\\"$name\\\":\"*) ;; *) continue ;; esac",
        "  gone=\"$gone${gone:+,}{\\\"name\\\":\\\"$name\\\",\\\"value\\\":null}\"",
        "  echo \"deleting $name (set by provision, no longer in the spec)\"",
        "done",
        "if [ -z \"$new\" ] && [ -n \"$old\" ]; then",
        "  gone=\"$gone${gone:+,}{\\\"name\\\":\\\"" + managed + "\\\",\\\"value\\\":null}\"",
        "fi",
        "if [ -n \"$gone\" ]; then",
        "  " + post + "--data \"{\\\"changes\\\":[$gone]}\" " + api + ConvexApiRequests.UPDATE_ENV,
        "fi",
        "if grep -q '{\"name\":' \"$body\"; then",
        "  " + post + "--data-binary \"@$body\" " + api + ConvexApiRequests.UPDATE_ENV,
        "fi",
        "");
  }

  /** A Job running {@code container} once, retried on failure. */
  private static HasMetadata job(
      String name, K8sLabels labels, Container container, List<Volume> volumes) {
    return new JobBuilder()
        .withMetadata(Workloads.meta(name, labels, Map.of()))
        .withNewSpec()
        .withBackoffLimit(6)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels.all())
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("OnFailure")
        .withContainers(container)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
