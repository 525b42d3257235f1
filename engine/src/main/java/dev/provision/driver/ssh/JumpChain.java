package dev.provision.driver.ssh;

import dev.provision.diag.ProvisionException;
import dev.provision.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The jump hosts of a host as OpenSSH crosses them: a {@code ProxyJump} list {@code a,b} is crossed
 * in order, and the first hop is itself reached through its own {@code ProxyJump} (as {@code ssh -J
 * a,b} does: only {@code a} is connected to with its own config, {@code b} is reached through
 * {@code a}). So {@code Host app ProxyJump bastion} with {@code Host bastion ProxyJump edge} is
 * crossed edge, bastion, app. A chain that comes back to a host it already passed is refused with
 * the loop named, and so is a chain of more than {@link #MAX_HOPS} hops. Pure.
 */
final class JumpChain {
  /** More jump hosts than this is a config mistake, not a network. */
  static final int MAX_HOPS = 8;

  private JumpChain() {}

  /** The hops to cross, first first, to reach {@code alias} (the target, resolved as target). */
  static List<Target.Ssh> of(String alias, SshConfig config, Target.Ssh target) {
    List<Target.Ssh> out = new ArrayList<>();
    follow(List.of(alias), config, target, out);
    return List.copyOf(out);
  }

  /** Adds the chain of the last host of {@code path} to {@code out}. */
  private static void follow(
      List<String> path, SshConfig config, Target.Ssh target, List<Target.Ssh> out) {
    String proxyJump = config.lookup(path.get(path.size() - 1)).get("proxyjump");
    if (proxyJump == null || proxyJump.isBlank() || proxyJump.equalsIgnoreCase("none")) {
      return;
    }
    String[] hops = proxyJump.split(",");
    String first = SshRoute.hopHost(hops[0].strip());
    List<String> next = new ArrayList<>(path);
    next.add(first);
    if (path.stream().anyMatch(seen -> seen.toLowerCase(Locale.ROOT).equals(lower(first)))) {
      throw ProvisionException.of(
          "the OpenSSH config's ProxyJump chain loops: " + String.join(" -> ", next),
          "make one of these hosts reachable without a ProxyJump (ProxyJump none), or remove"
              + " the ProxyJump that points back");
    }
    if (next.size() - 1 > MAX_HOPS) {
      throw tooLong(next);
    }
    follow(next, config, target, out);
    for (String hop : hops) {
      out.add(SshRoute.jump(hop.strip(), config, target));
    }
    if (out.size() > MAX_HOPS) {
      throw tooLong(next);
    }
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static ProvisionException tooLong(List<String> path) {
    return ProvisionException.of(
        "the OpenSSH config's ProxyJump chain from "
            + path.get(0)
            + " has more than "
            + MAX_HOPS
            + " jump hosts ("
            + String.join(" -> ", path)
            + ")",
        "shorten the chain: ProxyJump lists the hosts to cross, and each first hop's own"
            + " ProxyJump is followed");
  }
}
