package dev.provision.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.desired.DesiredStateCompiler;
import dev.provision.desired.Names;
import dev.provision.desired.SecretValues;
import dev.provision.model.ContainerResource;
import dev.provision.model.Spec;
import dev.provision.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ACME proxy's start command on the real engine, as provision makes it (command and env from
 * the spec), with Debian's caddy against pebble (which here takes every challenge as passed, so no
 * name needs to resolve): the account is registered once at the first start, and once again after
 * the email changes while the site and dashboard get new names and only the API's certificate is
 * kept. Caddy before 2.9 registers one account per name when several names need certificates with
 * no account stored, and may keep a key and record of two accounts.
 */
class ProxyAccountIT {
  private static final String CADDY =
      E2e.image("PROVISION_TEST_CADDY_IMAGE", "provision-test/caddy:latest");
  private static final String PEBBLE =
      E2e.image("PROVISION_TEST_PEBBLE_IMAGE", "provision-test/pebble:latest");
  private static final Pattern ACCOUNTS = Pattern.compile("There are now (\\d+) accounts");

  private final String id = "pt-acct-" + UUID.randomUUID().toString().substring(0, 8);
  private final String network = id + "-net";
  private final String volume = id + "-proxy-data";

  @Test
  void oneAccountAtFirstStartAndOneWhenTheEmailChangesWithTwoNewNames() throws Exception {
    Path dir = Files.createTempDirectory("provision-acct");
    String pebble = id + "-pebble";
    List<String> proxies = new ArrayList<>();
    try {
      Docker.run("network", "create", network);
      Docker.run(
          "run",
          "-d",
          "--name",
          pebble,
          "--network",
          network,
          "--network-alias",
          "pebble",
          "-e",
          "PEBBLE_VA_ALWAYS_VALID=1",
          PEBBLE);
      Files.writeString(
          dir.resolve("acme-ca.pem"),
          ProxyIT.waitFor(() -> DockerCli.run("exec", pebble, "cat", "/pebble/ca.pem")));

      proxies.add(start(dir, "a@example.com", "site", "dash"));
      awaitFiles(proxies.get(0), "users/a@example.com/a.key", "dash." + id + ".test.crt");
      assertThat(accounts(pebble)).isEqualTo(1);
      Docker.run("rm", "-f", proxies.get(0));

      // a new email (no account for it yet), two new names, the API's certificate kept
      proxies.add(start(dir, "b@example.com", "site2", "dash2"));
      long started = System.nanoTime();
      awaitFiles(
          proxies.get(1),
          "users/b@example.com/b.key",
          "site2." + id + ".test.crt",
          "dash2." + id + ".test.crt");
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
      assertThat(accounts(pebble)).as(Docker.run("logs", proxies.get(1))).isEqualTo(2);
    } finally {
      proxies.forEach(p -> Docker.quietly("rm", "-f", p));
      Docker.quietly("rm", "-f", pebble);
      Docker.quietly("volume", "rm", volume);
      Docker.quietly("network", "rm", network);
    }
  }

  /** Runs the proxy container of a spec with these email and names, as provision would. */
  private String start(Path dir, String email, String site, String dashboard) throws Exception {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(
        file,
        "version: 1\ndeployment: "
            + id
            + "\nbackend:\n  image: "
            + E2e.backendImage()
            + "\ndashboard:\n  image: "
            + E2e.dashboardImage()
            + "\nproxy:\n  image: "
            + CADDY
            + "\n  names: {api: api."
            + id
            + ".test, site: "
            + site
            + "."
            + id
            + ".test, dashboard: "
            + dashboard
            + "."
            + id
            + ".test}\n  tls:\n    ca: https://pebble:14000/dir\n    email: "
            + email
            + "\n    acmeCaRoot: acme-ca.pem\n");
    Spec spec = new SpecReader(Map.of()).read(file, List.of()).spec();
    ContainerResource proxy =
        (ContainerResource)
            DesiredStateCompiler.compile(spec, SecretValues.unknown()).resources().get(Names.PROXY);
    String name = id + "-proxy-" + site;
    List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", network));
    run.addAll(List.of("-v", volume + ":/data"));
    run.addAll(List.of("-v", dir.resolve("acme-ca.pem") + ":/provision/acme-ca-root.pem:ro"));
    proxy.env().forEach((k, v) -> run.addAll(List.of("-e", k + "=" + v.text())));
    run.add(proxy.image());
    run.addAll(proxy.command());
    Docker.run(run.toArray(String[]::new));
    return name;
  }

  /** Waits up to 90 s until every file name ends a file under the proxy's /data/caddy. */
  private static void awaitFiles(String proxy, String... endings) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String files = "";
    while (System.nanoTime() < deadline) {
      try {
        files = Docker.run("exec", proxy, "find", "/data/caddy", "-type", "f");
      } catch (IllegalStateException notYet) {
        files = "";
      }
      String found = files;
      if (List.of(endings).stream().allMatch(e -> found.contains(e + "\n") || found.endsWith(e))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not all of " + List.of(endings) + " in " + files);
  }

  /** How many accounts pebble has registered. */
  private static int accounts(String pebble) {
    Matcher m = ACCOUNTS.matcher(Docker.run("logs", pebble));
    int most = 0;
    while (m.find()) {
      most = Math.max(most, Integer.parseInt(m.group(1)));
    }
    return most;
  }
}
