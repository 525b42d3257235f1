package dev.provision.driver.swarm;

/**
 * The labels only the Swarm driver writes, besides provision's own ({@link
 * dev.provision.driver.Labels}). A service cannot be renamed, so the name the engine knows a
 * "container" by is a label that moves ({@link #NAME}); Swarm's own restart condition is fixed, so
 * the restart policy the engine set is a label too ({@link #RESTART}).
 */
final class SwarmLabels {
  /**
   * On a service: the container name provision knows it by. {@code renameContainer} moves it (a
   * label change does not restart the task); the service keeps the Swarm name it was created with.
   */
  static final String NAME = "dev.provision.swarm.name";

  /** On a service: the Docker-style restart policy provision set (see {@link ServiceSpecs}). */
  static final String RESTART = "dev.provision.swarm.restart-policy";

  /** On a lock config: the step its holder was at when it last renewed. */
  static final String LOCK_STEP = "dev.provision.lock.step";

  /** Swarm's own label on a task's container: such a container is a task, not a plain one. */
  static final String TASK_ID = "com.docker.swarm.task.id";

  /**
   * On a helper service and its input configs ({@link HelperSpecs}): its own name. Such a service
   * is never part of a deployment; a leftover is swept by age.
   */
  static final String HELPER = "dev.provision.swarm.helper";

  /** The value of the node label that marks the node holding a deployment's data. */
  static final String DATA = "data";

  private SwarmLabels() {}

  /** The node label key that pins {@code deployment}'s stateful services. */
  static String nodeLabel(String deployment) {
    return "dev.provision.node." + deployment;
  }

  /** The placement constraint that pins a service to the node labelled for {@code deployment}. */
  static String constraint(String deployment) {
    return "node.labels." + nodeLabel(deployment) + "==" + DATA;
  }
}
