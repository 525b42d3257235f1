package dev.provision.secrets;

import dev.provision.exec.Journal;
import dev.provision.exec.Redactor;
import dev.provision.exec.steps.WriteEnvFileStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A second process for {@link PrivateModesTest}, started under {@code umask 000}: writes every kind
 * of private file provision writes into the folder {@code args[0]} (which must not hold them yet),
 * plus one ordinary file as a control that shows the umask really was permissive.
 */
public final class PrivateModesProbe {
  private PrivateModesProbe() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    // the secrets file creates .provision/ and its lock file
    new SecretsFile(base.resolve(".provision").resolve("app.secrets.json")).put("k", "v");
    // then a journal, in .provision/journal/
    try (Journal journal = Journal.create(base, "app", Clock.systemUTC(), Redactor.NONE)) {
      journal.record("s", Journal.STEP_STARTED, "detail", null);
    }
    // the env file in a folder that does not exist yet
    WriteEnvFileStep.write(base.resolve("app").resolve(".env.local"), "A=1\n");
    // a file replaced through PrivateFiles (as plan --out writes a saved plan)
    PrivateFiles.replace(base.resolve("plan.json"), "{}".getBytes(StandardCharsets.UTF_8));
    Files.writeString(base.resolve("control.txt"), "ordinary file");
  }
}
