package dev.provision.driver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.provision.diag.ProvisionException;
import dev.provision.driver.HelperRun;
import dev.provision.driver.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bulk data in and out of containers for backups: a folder streamed out as the engine's tar (from a
 * running or stopped container), a tar streamed in, and a one-off helper run to completion (such as
 * emptying a volume before a restore). Streams are never held in memory.
 */
final class ContainerArchives {
  private static final long HELPER_TIMEOUT_SECONDS = 600;
  private final DockerConnection connection;
  private final String endpoint;

  ContainerArchives(DockerConnection connection) {
    this.connection = connection;
    this.endpoint = connection.endpoint().host().toString();
  }

  /** Streams {@code path} of {@code container} as a tar (entries start with its last name). */
  void copyOut(String container, String path, OutputStream out) {
    String what = "copying " + path + " out of container " + container;
    try (InputStream archive =
        connection.client().copyArchiveFromContainerCmd(container, path).exec()) {
      archive.transferTo(out);
    } catch (IOException e) {
      throw DockerFailures.wrap(what, endpoint, new UncheckedIOException(e));
    } catch (RuntimeException e) {
      throw DockerFailures.wrap(what, endpoint, e);
    }
  }

  /** Extracts the tar {@code tar} into folder {@code path} of {@code container}. */
  void copyIn(String container, String path, InputStream tar) {
    DockerFailures.run(
        "copying an archive into " + path + " of container " + container,
        endpoint,
        () ->
            connection
                .client()
                .copyArchiveToContainerCmd(container)
                .withRemotePath(path)
                .withTarInputStream(tar)
                .exec());
  }

  /**
   * Creates the helper container (no {@link Labels#DEPLOYMENT} label, so observation never sees it)
   * with its volumes, environment and network, extracts its input tar, runs it to the end and
   * answers its exit code. The container is left (stopped) for {@link #copyIn}, {@link #copyOut}
   * and its logs; the caller removes it. The environment is never part of a message.
   */
  int runHelper(HelperRun run) {
    DockerClient client = connection.client();
    String name = run.name();
    String what = "running helper container " + name + " from " + run.image();
    List<Bind> binds =
        run.volumes().entrySet().stream()
            .map(e -> new Bind(e.getKey(), new Volume(e.getValue())))
            .toList();
    HostConfig hostConfig = HostConfig.newHostConfig().withBinds(binds);
    if (run.network() != null) {
      hostConfig = hostConfig.withNetworkMode(run.network());
    }
    List<String> env =
        run.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    HostConfig config = hostConfig;
    DockerFailures.run(
        what,
        endpoint,
        () ->
            client
                .createContainerCmd(run.image())
                .withName(name)
                .withEntrypoint(run.command().toArray(String[]::new))
                .withCmd(List.of())
                .withEnv(env)
                .withLabels(Map.of("dev.provision.helper", "backup"))
                .withHostConfig(config)
                .exec());
    if (run.inputTar() != null) {
      try (InputStream in = Files.newInputStream(run.inputTar())) {
        copyIn(name, run.inputDir(), in);
      } catch (IOException e) {
        throw DockerFailures.wrap(what, endpoint, new UncheckedIOException(e));
      }
    }
    DockerFailures.run(what, endpoint, () -> client.startContainerCmd(name).exec());
    Integer code =
        DockerFailures.call(
            what,
            endpoint,
            () ->
                client
                    .waitContainerCmd(name)
                    .start()
                    .awaitStatusCode(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    if (code == null) {
      throw ProvisionException.of(
          what + " did not finish within " + HELPER_TIMEOUT_SECONDS + "s", "docker logs " + name);
    }
    return code;
  }
}
