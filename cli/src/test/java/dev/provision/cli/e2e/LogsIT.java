package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.HostDriver;
import dev.provision.driver.LogRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code provision logs} against the real Docker engine: a container from the local base image
 * stands in for the backend (under the backend's name) and prints a secret the spec reads from the
 * environment to stdout and stderr; the CLI shows both streams with the secret masked, and {@code
 * --tail}, {@code --since} and {@code --follow} select what Docker sends.
 */
class LogsIT {
  private static final String BASE = "provision-test/base:latest";

  @Test
  void showsTheBackendsLogWithThePlantedSecretMasked() throws Exception {
    String secret = "pt-planted-" + UUID.randomUUID().toString().replace("-", "");
    try (E2e e = new E2e()) {
      e.env.put("PT_LOG_SECRET", secret);
      Path spec = e.dir.resolve("logs.yaml");
      Files.writeString(
          spec,
          "version: 1\ndeployment: placeholder\nenv:\n  PLANTED_TOKEN: ${env:PT_LOG_SECRET}\n");
      String container = e.deployment + "-backend";

      E2e.Run missing = e.run("logs", spec.toString());
      assertThat(missing.code()).as(missing.all()).isEqualTo(1);
      assertThat(missing.err())
          .contains("container " + container + " (backend) does not exist")
          .contains("run provision apply");

      try {
        DockerCli.run(
            "run",
            "-d",
            "--name",
            container,
            "-e",
            "S=" + secret,
            BASE,
            "sh",
            "-c",
            "echo early; sleep 3; echo \"out $S\"; sleep 1; echo \"err $S\" >&2");
        DockerCli.run("wait", container);
        Instant started =
            Instant.parse(DockerCli.run("inspect", "-f", "{{.State.StartedAt}}", container).trim());

        E2e.Run all = e.run("logs", spec.toString());
        assertThat(all.code()).as(all.all()).isZero();
        assertThat(all.out()).isEqualTo("early\nout (sensitive)\nerr (sensitive)\n");
        assertThat(all.all()).doesNotContain(secret);

        E2e.Run tail = e.run("logs", spec.toString(), "backend", "--tail", "1");
        assertThat(tail.code()).as(tail.all()).isZero();
        assertThat(tail.out()).isEqualTo("err (sensitive)\n");

        E2e.Run since =
            e.run("logs", spec.toString(), "--since", started.plusSeconds(2).toString());
        assertThat(since.code()).as(since.all()).isZero();
        assertThat(since.out()).isEqualTo("out (sensitive)\nerr (sensitive)\n");

        E2e.Run recent = e.run("logs", spec.toString(), "--since", "1h");
        assertThat(recent.out()).isEqualTo(all.out());
      } finally {
        Docker.quietly("rm", "-f", container);
      }

      // --follow streams until the container stops, then ends cleanly
      try {
        DockerCli.run(
            "run",
            "-d",
            "--name",
            container,
            "-e",
            "S=" + secret,
            BASE,
            "sh",
            "-c",
            "for i in 1 2 3; do echo \"tick $i $S\"; sleep 1; done");
        E2e.Run follow = e.run("logs", spec.toString(), "--follow");
        assertThat(follow.code()).as(follow.all()).isZero();
        assertThat(follow.out())
            .isEqualTo("tick 1 (sensitive)\ntick 2 (sensitive)\ntick 3 (sensitive)\n");
      } finally {
        Docker.quietly("rm", "-f", container);
      }

      // a stop request (what Ctrl-C sets) closes the followed stream of a running container
      try {
        DockerCli.run(
            "run",
            "-d",
            "--name",
            container,
            BASE,
            "sh",
            "-c",
            "while true; do echo tick; sleep 1; done");
        List<String> seen = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        try (HostDriver docker = e.docker()) {
          docker.logs(
              container,
              new LogRequest(true, Optional.empty(), OptionalInt.empty()),
              chunk -> seen.add(new String(chunk, StandardCharsets.UTF_8)),
              () -> seen.size() >= 2);
        }
        assertThat(seen).hasSize(2).containsOnly("tick\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
      } finally {
        Docker.quietly("rm", "-f", container);
      }
    }
  }
}
