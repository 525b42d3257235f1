package dev.provision.driver.swarm;

import dev.provision.driver.ExecResult;
import dev.provision.driver.HelperRun;
import dev.provision.driver.HostDriver;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches into a service's task for {@link SwarmHostDriver}: through the manager's own engine when
 * the task (or, for a stopped service, the data) is on the manager, the fast path; else through
 * helper services beside it on its node ({@link RemoteTasks}, {@link HelperServices}).
 */
final class TaskReach {
  private final SwarmNodes nodes;
  private final SwarmServices services;
  private final SwarmVolumes volumes;
  private final SwarmTasks tasks;
  private final HostDriver manager;
  private final HelperServices helpers;
  private final RemoteTasks remote;

  TaskReach(
      SwarmNodes nodes,
      SwarmServices services,
      SwarmVolumes volumes,
      SwarmTasks tasks,
      HostDriver manager,
      HelperServices helpers) {
    this.nodes = nodes;
    this.services = services;
    this.volumes = volumes;
    this.tasks = tasks;
    this.manager = manager;
    this.helpers = helpers;
    this.remote = new RemoteTasks(helpers);
  }

  /**
   * In the task's container when it is on the manager, else in a sibling task on its node ({@link
   * RemoteTasks#exec}).
   */
  ExecResult exec(String container, List<String> command, Map<String, String> env) {
    Optional<String> local = tasks.localContainerId(container);
    if (local.isPresent()) {
      return manager.exec(local.get(), command, env);
    }
    return remote.exec(services.require(container, "cannot run a command in"), command, env);
  }

  Optional<byte[]> readFile(String container, String path) {
    if (!tasks.filesOnManager(container)) {
      return remote.readFile(services.require(container, "cannot read a file of"), path);
    }
    return tasks.withFiles(container, "read a file from", id -> manager.readFile(id, path));
  }

  void copyOut(String container, String path, java.io.OutputStream out) {
    if (!tasks.filesOnManager(container)) {
      remote.copyOut(services.require(container, "cannot copy files from"), path, out);
      return;
    }
    tasks.withFiles(
        container,
        "copy files from",
        id -> {
          manager.copyOut(id, path, out);
          return null;
        });
  }

  void copyIn(String container, String path, java.io.InputStream tar) {
    if (!tasks.filesOnManager(container)) {
      remote.copyIn(services.require(container, "cannot copy files into"), path, tar);
      return;
    }
    tasks.withFiles(
        container,
        "copy files into",
        id -> {
          manager.copyIn(id, path, tar);
          return null;
        });
  }

  /**
   * A helper with no volume, or with the data on the manager, runs as a plain container on the
   * manager (it may join the deployment's overlay network, which is attachable). One that mounts
   * volumes on another node runs there as a helper service ({@link HelperServices}) named {@code
   * run.name()}, kept like a stopped container until {@link SwarmHostDriver#removeContainer} (its
   * files are then reached as a service's on its node, its log through the service log).
   */
  int runHelper(HelperRun run) {
    if (run.volumes().isEmpty() || nodes.dataOnManager()) {
      return manager.runHelper(run);
    }
    if (run.inputTar() != null) {
      throw new UnsupportedOperationException("helper input on a worker: copy it in afterwards");
    }
    HelperSpecs helper = HelperRuns.spec(run, nodes.dataNodeId(), volumes::labels);
    try {
      return helpers.awaitEnd(run.name(), helpers.create(helper)).exitCode();
    } catch (HelperServices.NotStarted e) {
      throw e.failure;
    }
  }
}
