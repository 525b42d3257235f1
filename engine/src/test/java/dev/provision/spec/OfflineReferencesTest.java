package dev.provision.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.ProvisionException;
import dev.provision.model.Database;
import dev.provision.model.Reference;
import dev.provision.model.Spec;
import dev.provision.model.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline reading: unset references in sensitive, non-structural fields need no value. */
class OfflineReferencesTest {
  private static final String HEAD =
      "version: 1\n"
          + "deployment: app\n"
          + "backend:\n"
          + "  image: ghcr.io/get-convex/convex-backend:0123456789abcdef0123456789abcdef01234567\n";

  @TempDir Path dir;

  private Path spec(String body) throws Exception {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, HEAD + body);
    return file;
  }

  private static String errors(Runnable read) {
    try {
      read.run();
    } catch (ProvisionException e) {
      return e.diagnostics().stream()
          .map(Diagnostic::render)
          .collect(Collectors.joining("\n"))
          .replaceAll("/[^ ]*/spec.yaml", "spec.yaml");
    }
    throw new AssertionError("expected an error");
  }

  @Test
  void sensitiveFieldsStayUnresolvedOffline() throws Exception {
    Path file =
        spec(
            "secrets:\n"
                + "  instanceSecret: ${env:INSTANCE}\n"
                + "database:\n"
                + "  postgres:\n"
                + "    managed:\n"
                + "      password: ${file:pg-password.txt}\n"
                + "env:\n"
                + "  KEY: ${env:OPENAI_API_KEY}\n"
                + "  BOTH: a-${env:SET}-${env:UNSET}\n"
                + "  MAPPED:\n"
                + "    value: ${env:MAPPED_KEY}\n");

    Spec spec = SpecReader.offline(Map.of("SET", "known-value")).read(file, List.of()).spec();

    Value secret = spec.secrets().instanceSecret();
    assertThat(secret.unresolved()).isTrue();
    assertThat(secret.display()).isEqualTo("(sensitive, from env INSTANCE)");
    Value password = ((Database.ManagedPostgres) spec.database()).password();
    assertThat(password.display()).isEqualTo("(sensitive, from file pg-password.txt)");
    assertThat(spec.env().get("KEY").display()).isEqualTo("(sensitive, from env OPENAI_API_KEY)");
    assertThat(spec.env().get("BOTH").display()).isEqualTo("(sensitive, from env SET, env UNSET)");
    assertThat(spec.env().get("BOTH").text()).isEqualTo("a-${env:SET}-${env:UNSET}");
    assertThat(spec.env().get("BOTH").from())
        .containsExactly(
            new Reference(Reference.Source.ENV, "SET"),
            new Reference(Reference.Source.ENV, "UNSET"));
    assertThat(spec.env().get("MAPPED").display()).isEqualTo("(sensitive, from env MAPPED_KEY)");
  }

  @Test
  void aSetReferenceResolvesOfflineAsUsual() throws Exception {
    Path file = spec("env:\n  KEY: ${env:KEY}\n");

    Value key =
        SpecReader.offline(Map.of("KEY", "v-123")).read(file, List.of()).spec().env().get("KEY");

    assertThat(key).isEqualTo(new Value("v-123", true));
    assertThat(key.unresolved()).isFalse();
  }

  @Test
  void anInstanceSecretThatIsSetIsStillChecked() throws Exception {
    Path file = spec("secrets:\n  instanceSecret: ${env:INSTANCE}\n");

    assertThat(errors(() -> SpecReader.offline(Map.of("INSTANCE", "nope")).read(file, List.of())))
        .isEqualTo(
            "spec.yaml:6:19: error: `secrets.instanceSecret` is not 64 hex characters\n"
                + "  at: secrets.instanceSecret\n"
                + "  expected: exactly 64 hex characters (32 bytes); anything else stops the"
                + " backend\n"
                + "  hint: generate one with `openssl rand -hex 32`");
  }

  @Test
  void structuralFieldsNeedAValueEvenOffline() throws Exception {
    Path file = spec("target:\n  docker:\n    host: ${env:IMAGE}\n");

    assertThat(errors(() -> SpecReader.offline(Map.of()).read(file, List.of())))
        .isEqualTo(
            "spec.yaml:7:11: error: `${env:IMAGE}`: environment variable `IMAGE` is not set\n"
                + "  at: target.docker.host\n"
                + "  hint: export IMAGE or write the value: `target.docker.host` is needed to plan"
                + " even offline (only passwords, keys, the instance secret, env values and the"
                + " Postgres url may stay unset)");
  }

  @Test
  void aMissingFileInAStructuralFieldSaysWhatToDo() throws Exception {
    Path file = spec("target:\n  docker:\n    host: ${file:image-name.txt}\n");

    assertThat(errors(() -> SpecReader.offline(Map.of()).read(file, List.of())))
        .startsWith("spec.yaml:7:11: error: `${file:image-name.txt}`: ")
        .endsWith(
            "  hint: create the file (relative to the file the reference is in): `target.docker.host`"
                + " is needed to plan even offline (only passwords, keys, the instance secret, env"
                + " values and the Postgres url may stay unset)");
  }

  @Test
  void anExternalPostgresUrlMayStayUnsetOffline() throws Exception {
    Path file =
        spec(
            "database:\n"
                + "  postgres:\n"
                + "    external:\n"
                + "      url: ${env:DATABASE_URL}\n"
                + "      password: ${env:PGPASSWORD}\n");

    Database.ExternalPostgres db =
        (Database.ExternalPostgres)
            SpecReader.offline(Map.of()).read(file, List.of()).spec().database();

    assertThat(db.urlUnresolved()).isTrue();
    assertThat(db.url()).isEqualTo("${env:DATABASE_URL}");
    assertThat(db.urlFrom()).containsExactly(new Reference(Reference.Source.ENV, "DATABASE_URL"));
    assertThat(db.password().display()).isEqualTo("(sensitive, from env PGPASSWORD)");
  }

  @Test
  void aSetExternalPostgresUrlIsStillChecked() throws Exception {
    Path file =
        spec(
            "database:\n"
                + "  postgres:\n"
                + "    external:\n"
                + "      url: ${env:DATABASE_URL}\n");

    assertThat(
            errors(
                () ->
                    SpecReader.offline(Map.of("DATABASE_URL", "mysql://u@db"))
                        .read(file, List.of())))
        .contains("`database.postgres.external.url` has an unsupported scheme");
  }

  @Test
  void resolvingReadersStillRefuseEveryUnsetReference() throws Exception {
    Path file = spec("env:\n  KEY: ${env:KEY}\n  FILE: ${file:missing.txt}\n");

    assertThat(errors(() -> new SpecReader(Map.of()).read(file, List.of())))
        .startsWith(
            "spec.yaml:6:8: error: `${env:KEY}`: environment variable `KEY` is not set\n"
                + "  at: env.KEY\n"
                + "  hint: export KEY before running provision\n"
                + "spec.yaml:7:9: error: `${file:missing.txt}`: ")
        .endsWith("  hint: the path is relative to the file the reference is written in");
    assertThatThrownBy(() -> new SpecReader(Map.of(), ReferenceMode.RESOLVE).read(file, List.of()))
        .isInstanceOf(ProvisionException.class);
  }

  @Test
  void brokenReferencesAreErrorsOffline() throws Exception {
    Path file = spec("env:\n  KEY: ${vault:KEY}\n");

    assertThat(errors(() -> SpecReader.offline(Map.of()).read(file, List.of())))
        .isEqualTo(
            "spec.yaml:6:8: error: unknown reference `${vault:KEY}`\n"
                + "  at: env.KEY\n"
                + "  expected: ${env:NAME} or ${file:PATH}\n"
                + "  hint: write `$${` for a literal `${`");
  }
}
