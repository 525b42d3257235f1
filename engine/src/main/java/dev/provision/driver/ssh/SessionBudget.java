package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Learns how many SSH sessions the server allows on one connection (sshd's {@code MaxSessions}, 10
 * by default, often lowered on hardened servers) by opening up to a maximum at once and closing
 * them again. The Docker tunnel then never uses more (one session per API connection), so a low
 * limit makes calls wait for each other instead of failing with "no more sessions".
 */
final class SessionBudget {
  private SessionBudget() {}

  /**
   * Between 1 and {@code max}; fails when the server allows no session at all for a while (a
   * session just closed may take the server a moment to free).
   */
  static int learn(SSHClient ssh, int max, String who) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int opened = tryOpen(ssh, max);
      if (opened > 0) {
        return opened;
      }
      pause(250);
    }
    throw noSession(who);
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int tryOpen(SSHClient ssh, int max) {
    List<CompletableFuture<Session>> opening = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      CompletableFuture<Session> f = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  f.complete(ssh.startSession());
                } catch (Exception refused) {
                  f.complete(null);
                }
              },
              "ssh-session-probe-" + i);
      t.setDaemon(true);
      t.start();
      opening.add(f);
    }
    int opened = 0;
    for (CompletableFuture<Session> f : opening) {
      Session session = f.join();
      if (session != null) {
        opened++;
        BytePump.closeQuietly(session);
      }
    }
    return opened;
  }

  static ProvisionException noSession(String who) {
    return ProvisionException.of(
        "the SSH server " + who + " refused to open a session (sshd's MaxSessions is reached)",
        "raise MaxSessions in the server's sshd_config (provision needs at least 1, and runs"
            + " --parallelism calls at once when it may), or close other sessions of this user");
  }
}
