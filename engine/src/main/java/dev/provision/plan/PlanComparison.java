package dev.provision.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares a saved plan with the plan made again at apply and says what moved in between, one line
 * per moved thing (empty when nothing did): a change added, dropped or different (action, risk, an
 * attribute's path or shown values; a sensitive attribute only by what it does, never by value),
 * the recovery, and what was observed (a container re-created or changed by hand, an image id, a
 * volume, the backend version, a secret's keyed fingerprint). A secret generated at apply compares
 * by kind. Pure.
 */
public final class PlanComparison {
  private PlanComparison() {}

  /** What moved from {@code saved} to {@code fresh}, in a stable order; empty when nothing did. */
  public static List<String> moved(SavedPlan saved, SavedPlan fresh) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(saved.plan().deployment(), fresh.plan().deployment())) {
      out.add("deployment " + saved.plan().deployment() + " → " + fresh.plan().deployment());
    }
    if (!Objects.equals(saved.target(), fresh.target())) {
      out.add("target " + saved.target() + " → " + fresh.target());
    }
    changes(saved.plan(), fresh.plan(), out);
    recovery(saved.plan(), fresh.plan(), out);
    ObservedFactsComparison.compare(saved.observed(), fresh.observed(), out);
    return out;
  }

  private static void changes(Plan saved, Plan fresh, List<String> out) {
    Map<String, Change> before = byAddress(saved);
    Map<String, Change> now = byAddress(fresh);
    TreeSet<String> addresses = new TreeSet<>(before.keySet());
    addresses.addAll(now.keySet());
    for (String address : addresses) {
      Change b = before.get(address);
      Change a = now.get(address);
      if (b == null) {
        out.add(address + ": not in the plan, now " + a.action().word());
      } else if (a == null) {
        out.add(address + ": planned " + b.action().word() + ", now no change");
      } else {
        change(address, b, a, out);
      }
    }
  }

  private static void change(String address, Change b, Change a, List<String> out) {
    if (b.action() != a.action()) {
      out.add(address + ": planned " + b.action().word() + ", now " + a.action().word());
      return;
    }
    if (b.risk() != a.risk()) {
      out.add(address + ": risk " + b.risk().word() + " → " + a.risk().word());
    }
    Map<String, String> was = attributes(b);
    Map<String, String> is = attributes(a);
    TreeSet<String> paths = new TreeSet<>(was.keySet());
    paths.addAll(is.keySet());
    for (String path : paths) {
      String x = was.get(path);
      String y = is.get(path);
      if (!Objects.equals(x, y)) {
        out.add(
            address
                + ": "
                + path
                + " planned "
                + (x == null ? "unchanged" : x)
                + ", now "
                + (y == null ? "unchanged" : y));
      }
    }
  }

  /** Each attribute as shown: {@code BEFORE → AFTER}, a sensitive one only as what it does. */
  private static Map<String, String> attributes(Change change) {
    Map<String, String> out = new TreeMap<>();
    for (AttributeChange c : change.attributes()) {
      String shown;
      if (c.sensitive()) {
        shown =
            c.before() == null
                ? "(sensitive, added)"
                : c.after() == null ? "(sensitive, removed)" : "(sensitive, changed)";
      } else {
        shown = text(c.before()) + " → " + text(c.after());
      }
      out.put(c.path(), shown);
    }
    return out;
  }

  private static String text(dev.provision.model.Value value) {
    return value == null ? "(none)" : value.text();
  }

  private static void recovery(Plan saved, Plan fresh, List<String> out) {
    Function<Plan, List<String>> steps =
        p ->
            p.recovery().map(Recovery::steps).orElse(List.of()).stream()
                .map(PlannedStep::id)
                .toList();
    Optional<Recovery> b = saved.recovery();
    Optional<Recovery> a = fresh.recovery();
    if (b.isPresent() != a.isPresent()) {
      out.add(
          b.isPresent()
              ? "the interrupted apply to recover from is gone"
              : "an interrupted apply was found on the target");
    } else if (!steps.apply(saved).equals(steps.apply(fresh))) {
      out.add("the recovery of the interrupted apply differs");
    }
  }

  private static Map<String, Change> byAddress(Plan plan) {
    Map<String, Change> out = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c.action() != Action.NO_OP) {
        out.put(c.address().toString(), c);
      }
    }
    return out;
  }
}
