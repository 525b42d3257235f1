package dev.provision.render.kubernetes;

/**
 * The names of the rendered objects that are not a desired container's own name or alias: the
 * Secret the user creates, the jobs, the Ingress. One place, so the objects and the Secret manifest
 * agree.
 */
record ObjectNames(String deployment) {
  /** Why the stateful workloads must stay at one replica, on the object for whoever edits it. */
  static final String ANNOTATION_REPLICAS = "provision.dev/replicas";

  /** The Secret every sensitive value is read from. */
  String secret() {
    return deployment + "-secrets";
  }

  String databaseJob() {
    return deployment + "-create-database";
  }

  String envJob() {
    return deployment + "-deployment-env";
  }

  String ingress() {
    return deployment;
  }
}
