package dev.provision.render.kubernetes;

import dev.provision.convex.BackendContainer;
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

  private static final String ENV_MOUNT = "/provision";

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
   * curl, once the backend answers. The body and the admin key come from the Secret: the body holds
   * secret values (the JWT key, provider secrets).
   */
  static HasMetadata deploymentEnv(ObjectNames names, K8sLabels labels, String backendImage) {
    String url = "http://backend:" + BackendContainer.API_PORT + ConvexApiRequests.UPDATE_ENV;
    String script =
        String.join(
            " ",
            "curl --fail --silent --show-error --retry 60 --retry-delay 5 --retry-all-errors",
            "-X POST -H \"Authorization: Convex $" + ADMIN_KEY + "\"",
            "-H 'Content-Type: application/json'",
            "--data-binary @" + ENV_MOUNT + "/" + ENV_BODY_KEY,
            url);
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
