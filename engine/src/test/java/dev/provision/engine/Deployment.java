package dev.provision.engine;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.desired.SecretValues;
import dev.provision.driver.DriverFactory;
import dev.provision.driver.FakeHostDriver;
import dev.provision.driver.FakeScript;
import dev.provision.model.ContainerResource;
import dev.provision.model.DesiredState;
import dev.provision.model.FrontendEnv;
import dev.provision.model.NetworkResource;
import dev.provision.model.Outputs;
import dev.provision.model.SecretKind;
import dev.provision.model.Secrets;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import dev.provision.model.VolumeResource;
import dev.provision.secrets.SecretsFile;
import dev.provision.testing.TestSpecs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deployment named {@code app} for the engine's tests, built step by step: which copies of the
 * instance secret exist (spec reference, container env, credentials file, secrets file), whether
 * the backend container exists and runs, and the app's env file. Secrets are fixed test values.
 */
final class Deployment {
  static final String SECRET = "0123456789abcdef".repeat(4);
  static final String OTHER = "fedcba9876543210".repeat(4);
  static final String THIRD = "aaaabbbbccccdddd".repeat(4);

  final Path dir;
  final FakeHostDriver host = new FakeHostDriver();
  String specReference;
  Path envFile;
  FrontendEnv frontendEnv;

  Deployment(Path dir) {
    this.dir = dir;
  }

  Path secretsFile() {
    return dir.resolve("app.secrets.json");
  }

  Deployment storeSecret(String secret) {
    new SecretsFile(secretsFile()).put(SecretKind.INSTANCE_SECRET.fileKey(), secret);
    return this;
  }

  Deployment specReference(String secret) {
    specReference = secret;
    return this;
  }

  Deployment envFile(String name) {
    envFile = dir.resolve(name);
    return this;
  }

  Deployment frontendEnv(String name, FrontendEnv.Framework framework, boolean siteUrl) {
    frontendEnv = new FrontendEnv(dir.resolve(name), framework, siteUrl);
    return this;
  }

  Spec spec() {
    Spec q = TestSpecs.quickstart();
    return q.toBuilder()
        .source(dir.resolve("app.yaml"))
        .secrets(
            new Secrets(secretsFile(), specReference == null ? null : Value.secret(specReference)))
        .outputs(new Outputs(envFile, frontendEnv))
        .build();
  }

  /**
   * Creates the backend as apply would, with {@code env} as its INSTANCE_SECRET (null: none) and
   * {@code credentials} in its volume (null: none); {@code exitCode} non-null makes it exit at
   * once.
   */
  Deployment backend(String env, String credentials, Integer exitCode, String... logs) {
    Spec spec = spec();
    DesiredState d =
        DesiredStateCompiler.compile(
            spec,
            new SecretValues(
                Optional.of(Value.secret(env == null ? SECRET : env)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    ContainerResource backend = (ContainerResource) d.resources().get(Names.BACKEND);
    if (env == null) {
      backend = withoutSecret(backend);
    }
    Map<String, String> files = new HashMap<>();
    if (credentials != null) {
      files.put(LiveSession.CREDENTIALS, credentials + "\n");
    }
    host.addImage(backend.image(), Map.of(), files);
    if (exitCode != null) {
      host.script(backend.name(), FakeScript.exitsAtOnce(exitCode, logs));
    }
    host.createNetwork("app", (NetworkResource) d.resources().get(Names.NETWORK));
    host.createVolume("app", (VolumeResource) d.resources().get(Names.DATA_VOLUME));
    host.createContainer("app", backend, backend.name(), "hash");
    host.startContainer(backend.name());
    return this;
  }

  private static ContainerResource withoutSecret(ContainerResource c) {
    TreeMap<String, Value> env = new TreeMap<>(c.env());
    env.remove("INSTANCE_SECRET");
    return new ContainerResource(
        c.address(),
        c.name(),
        c.image(),
        env,
        c.ports(),
        c.mounts(),
        c.network(),
        c.alias(),
        c.command(),
        c.restartPolicy(),
        c.stopSignal(),
        c.stopTimeoutSeconds(),
        c.readiness(),
        List.of(),
        null);
  }

  DriverFactory drivers() {
    return target -> host;
  }
}
