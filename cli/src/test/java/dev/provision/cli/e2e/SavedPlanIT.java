package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import dev.provision.driver.HostDriver;
import dev.provision.model.Address;
import dev.provision.model.ContainerResource;
import dev.provision.model.Value;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code plan --out} then {@code apply PLANFILE} on a real Docker engine: the saved plan is applied
 * exactly (the plan is empty afterwards), and refused, naming what moved, when the spec changed,
 * when the backend was re-created by hand (with another version) and when an image id moved.
 */
class SavedPlanIT {
  private static final Path QUICKSTART = Path.of("..", "specs", "quickstart.yaml");
  private static final String NO_DASHBOARD = "dashboard.enabled=false";

  @Test
  void appliedExactlyThenRefusedWhenTheSpecOrTheBackendMoved() throws Exception {
    try (E2e e = new E2e()) {
      Path spec = e.dir.resolve("app.yaml");
      Files.copy(QUICKSTART, spec);
      Path first = e.dir.resolve("first.json");
      E2e.Run planned =
          e.run("plan", spec.toString(), "--set", NO_DASHBOARD, "--out", first.toString());
      assertThat(planned.code()).as(planned.all()).isZero();

      E2e.Run applied = apply(e, first);
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.out()).contains("Apply complete");
      E2e.Run after = e.run("plan", spec.toString(), "--set", NO_DASHBOARD, "--detailed-exitcode");
      assertThat(after.code()).as("the target equals the plan: " + after.all()).isZero();
      assertThat(apply(e, first).code()).as("a plan applied once is stale").isEqualTo(1);

      // the spec changed after the plan was made
      Path knob = e.dir.resolve("knob.json");
      assertThat(
              e.run(
                      "plan",
                      spec.toString(),
                      "--set",
                      NO_DASHBOARD,
                      "--set",
                      "backend.knobs.rustLog=debug",
                      "--out",
                      knob.toString())
                  .code())
          .isZero();
      String text = Files.readString(spec);
      Files.writeString(spec, text + "# edited after the plan\n");
      E2e.Run specMoved = apply(e, knob);
      assertThat(specMoved.code()).isEqualTo(1);
      assertThat(specMoved.err())
          .contains("moved since the plan was made")
          .contains("spec file app.yaml changed");
      Files.writeString(spec, text);

      // the backend re-created by hand, with another version, after the plan was made
      String backend = e.deployment + "-backend";
      String versionBefore = Live.api(e.cloudUrl(), null).version();
      try (HostDriver host = e.docker()) {
        ContainerResource real =
            (ContainerResource)
                host.observe(e.deployment)
                    .resources()
                    .get(Address.parse("container.backend"))
                    .resource();
        TreeMap<String, Value> env = new TreeMap<>(real.env());
        env.put("STANDIN_VERSION", Value.plain("standin-moved"));
        ContainerResource changed =
            new ContainerResource(
                real.address(),
                real.name(),
                real.image(),
                env,
                real.ports(),
                real.mounts(),
                real.network(),
                real.alias(),
                real.command(),
                real.restartPolicy(),
                real.stopSignal(),
                real.stopTimeoutSeconds(),
                real.readiness(),
                List.of(),
                null);
        host.stopContainer(backend, 10);
        host.removeContainer(backend);
        host.createContainer(e.deployment, changed, backend, "v2:" + "0".repeat(32));
        host.startContainer(backend);
      }
      waitForVersion(e);
      E2e.Run byHand = apply(e, knob);
      assertThat(byHand.code()).isEqualTo(1);
      assertThat(byHand.err())
          .contains("container.backend: re-created since the plan")
          .contains("container.backend: changed by hand (config hash)");
      if (versionBefore.equals("standin-1")) {
        assertThat(byHand.err()).contains("backend version standin-1 → standin-moved");
      }
      assertThat(byHand.out()).doesNotContain("Applying:");

      // no plan file holds the instance secret or an unkeyed hash of it
      String secret = Live.instanceSecret(e.dir.resolve("secrets.json"));
      for (Path file : new Path[] {first, knob}) {
        assertThat(Files.readString(file)).doesNotContain(secret).doesNotContain(sha256(secret));
      }
    }
  }

  @Test
  void refusedWhenAnImageIdMoved() throws Exception {
    String tag = "pt-savedplan-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
    Path context = Files.createTempDirectory("pt-savedplan-image");
    String firstId = null;
    try (E2e e = new E2e()) {
      firstId = build(context, tag, "1");
      Path file = e.dir.resolve("plan.json");
      E2e.Run planned =
          e.run(
              "plan",
              QUICKSTART.toString(),
              "--set",
              NO_DASHBOARD,
              "--set",
              "backend.image=" + tag,
              "--out",
              file.toString());
      assertThat(planned.code()).as(planned.all()).isZero();
      String secondId = build(context, tag, "2");
      assertThat(secondId).isNotEqualTo(firstId);

      E2e.Run moved = apply(e, file);
      assertThat(moved.code()).isEqualTo(1);
      assertThat(moved.err())
          .contains("image " + tag + ": " + shortId(firstId) + " → " + shortId(secondId));
      try (HostDriver host = e.docker()) {
        assertThat(host.observe(e.deployment).resources()).isEmpty();
      }
    } finally {
      Docker.quietly("rmi", tag);
      if (firstId != null) {
        Docker.quietly("rmi", firstId);
      }
    }
  }

  @Test
  void refusedWhenADeploymentEnvVarReadFromTheEnvironmentMoved() throws Exception {
    try (E2e e = new E2e()) {
      Path spec = e.dir.resolve("app.yaml");
      Files.writeString(
          spec, Files.readString(QUICKSTART) + "env:\n  GREETING: \"${env:PT_GREETING}\"\n");
      e.env.put("PT_GREETING", "hello-one");
      E2e.Run first = e.run("apply", spec.toString(), "--set", NO_DASHBOARD, "--yes");
      assertThat(first.code()).as(first.all()).isZero();

      e.env.put("PT_GREETING", "hello-two");
      Path planned = e.dir.resolve("greeting.json");
      E2e.Run plan =
          e.run("plan", spec.toString(), "--set", NO_DASHBOARD, "--out", planned.toString());
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(Files.readString(planned)).doesNotContain("hello-two").doesNotContain("hello-one");

      // the value the plan was reviewed with is not the one apply would set: refused
      e.env.put("PT_GREETING", "hello-three");
      E2e.Run moved = apply(e, planned);
      assertThat(moved.code()).as(moved.all()).isEqualTo(1);
      assertThat(moved.err())
          .contains("env.GREETING: changed since the plan (its value is not shown)")
          .doesNotContain("hello-");

      e.env.put("PT_GREETING", "hello-two");
      E2e.Run exact = apply(e, planned);
      assertThat(exact.code()).as(exact.all()).isZero();
    }
  }

  @Test
  void aFirstPlanWithAuthKeysGeneratedAtApplyIsAppliedAndHoldsNoProviderSecret() throws Exception {
    try (E2e e = new E2e()) {
      Path spec = e.dir.resolve("app.yaml");
      Files.writeString(
          spec,
          Files.readString(QUICKSTART)
              + "auth:\n  siteUrl: http://localhost:5173\n  providers:\n    github:\n"
              + "      clientId: Iv1.0123456789abcdef\n"
              + "      clientSecret: ${env:PT_GITHUB_SECRET}\n");
      String secret = "gh-secret-" + UUID.randomUUID();
      e.env.put("PT_GITHUB_SECRET", secret);
      Path planned = e.dir.resolve("auth.json");
      E2e.Run plan =
          e.run("plan", spec.toString(), "--set", NO_DASHBOARD, "--out", planned.toString());
      assertThat(plan.code()).as(plan.all()).isZero();
      assertThat(Files.readString(planned)).doesNotContain(secret).doesNotContain(sha256(secret));

      E2e.Run applied = apply(e, planned);
      assertThat(applied.code()).as(applied.all()).isZero();
      assertThat(applied.all()).doesNotContain(secret);
    }
  }

  /** {@code provision apply PLANFILE --yes}: no --set (the plan file fixes them). */
  private static E2e.Run apply(E2e e, Path planFile) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"apply", planFile.toString(), "--yes"},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            e.env,
            false);
    E2e.Run run = new E2e.Run(code, out.toString(), err.toString());
    e.outputs.add(run.out());
    e.outputs.add(run.err());
    return run;
  }

  /** A tiny local image on top of the backend image (never pulled); returns its id. */
  private static String build(Path context, String tag, String mark) throws Exception {
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM " + E2e.backendImage() + "\nLABEL dev.provision.test.saved-plan=" + mark + "\n");
    Docker.run("build", "-q", "-t", tag, context.toString());
    return Docker.run("image", "inspect", "-f", "{{.Id}}", tag);
  }

  private static void waitForVersion(E2e e) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline && Live.status(e.cloudUrl() + "/version") != 200) {
      Thread.sleep(200);
    }
  }

  private static String shortId(String id) {
    return "sha256:" + id.substring(7, 19) + "…";
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
