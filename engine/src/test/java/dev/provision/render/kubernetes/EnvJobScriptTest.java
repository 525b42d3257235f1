package dev.provision.render.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The env Job's script run by a real {@code sh} against a fake {@code curl} that answers the list
 * request with a canned deployment and records every update it is sent: exactly the variables
 * provision set before (listed in PROVISION_MANAGED_ENV), that the spec dropped and the deployment
 * still has, are deleted, before the new body is sent; a variable nobody listed is never touched;
 * when no variable is left, the list goes too and nothing is set.
 */
class EnvJobScriptTest {
  @TempDir Path dir;

  private String run(String live, String body) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path curl = bin.resolve("curl");
    Files.writeString(
        curl,
        String.join(
            "\n",
            "#!/bin/sh",
            "for a in \"$@\"; do last=$a; done",
            "case \"$last\" in *list_environment_variables) cat \"$FAKE_LIST\"; exit 0 ;; esac",
            "prev=''",
            "for a in \"$@\"; do",
            "  case \"$prev\" in --data) echo \"POST $a\" >> \"$FAKE_LOG\" ;;",
            "    --data-binary) echo \"POST $a\" >> \"$FAKE_LOG\" ;; esac",
            "  prev=$a",
            "done",
            ""));
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwx------"));
    Path mount = Files.createDirectories(dir.resolve("provision"));
    Files.writeString(mount.resolve(Jobs.ENV_BODY_KEY), body);
    Files.writeString(dir.resolve("list.json"), live);
    Path log = dir.resolve("log");
    Files.writeString(log, "");
    String script = Jobs.envScript().replace(Jobs.ENV_MOUNT, mount.toString());
    ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", script)).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_LIST", dir.resolve("list.json").toString());
    pb.environment().put("FAKE_LOG", log.toString());
    pb.environment().put("ADMIN_KEY", "k");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out + Files.readString(log).replace(mount.toString(), "MOUNT");
  }

  @Test
  void deletesOnlyWhatProvisionSetAndTheSpecDropped() throws Exception {
    String live =
        "{\"environmentVariables\":{\"A\":\"1\",\"B\":\"x \\\"B\\\":\",\"GONE\":\"2\","
            + "\"MINE\":\"see \\\"OLD\\\":\",\"PROVISION_MANAGED_ENV\":\"A,B,GONE,OLD\"}}";
    String body =
        "{\"changes\":[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"PROVISION_MANAGED_ENV\","
            + "\"value\":\"A\"}]}";
    assertThat(run(live, body))
        .isEqualTo(
            String.join(
                "\n",
                "deleting B (set by provision, no longer in the spec)",
                "deleting GONE (set by provision, no longer in the spec)",
                "POST {\"changes\":[{\"name\":\"B\",\"value\":null},"
                    + "{\"name\":\"GONE\",\"value\":null}]}",
                "POST @MOUNT/deployment-env.json",
                ""));
  }

  @Test
  void aFirstRunDeletesNothing() throws Exception {
    String body = "{\"changes\":[{\"name\":\"PROVISION_MANAGED_ENV\",\"value\":\"A\"}]}";
    assertThat(run("{\"environmentVariables\":{\"MINE\":\"PROVISION_MANAGED_ENV\"}}", body))
        .isEqualTo("POST @MOUNT/deployment-env.json\n");
  }

  @Test
  void aSpecWithNoVariableLeftDeletesThemAndTheListAndSetsNothing() throws Exception {
    String live = "{\"environmentVariables\":{\"A\":\"1\",\"PROVISION_MANAGED_ENV\":\"A\"}}";
    assertThat(run(live, "{\"changes\":[]}"))
        .isEqualTo(
            String.join(
                "\n",
                "deleting A (set by provision, no longer in the spec)",
                "POST {\"changes\":[{\"name\":\"A\",\"value\":null},"
                    + "{\"name\":\"PROVISION_MANAGED_ENV\",\"value\":null}]}",
                ""));
  }
}
