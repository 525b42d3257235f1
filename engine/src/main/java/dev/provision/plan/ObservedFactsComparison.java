package dev.provision.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The observed half of {@link PlanComparison}: one line per thing that moved on the target. */
final class ObservedFactsComparison {
  private ObservedFactsComparison() {}

  static void compare(ObservedFacts was, ObservedFacts is, List<String> out) {
    containers(was.containers(), is.containers(), out);
    named("image", was.images(), is.images(), out);
    named("volume", was.volumes(), is.volumes(), out);
    if (!was.backendVersion().equals(is.backendVersion())) {
      out.add(
          "backend version "
              + was.backendVersion().orElse("(not reachable)")
              + " → "
              + is.backendVersion().orElse("(not reachable)"));
    }
    secrets(was.secrets(), is.secrets(), out);
    databases(was.databases(), is.databases(), out);
  }

  /**
   * Databases compare by oid: a new one means it was dropped and created again. One that could not
   * be read compares by kind only; one missing from the file (written before databases were
   * recorded) is named only when it exists now.
   */
  private static void databases(Map<String, String> was, Map<String, String> is, List<String> out) {
    TreeSet<String> addresses = new TreeSet<>(was.keySet());
    addresses.addAll(is.keySet());
    for (String address : addresses) {
      String b = was.get(address);
      String a = is.get(address);
      if (b == null) {
        if (a != null && oid(a)) {
          out.add(address + ": not recorded in the plan file (its identity cannot be compared)");
        }
        continue;
      }
      if (a == null || !known(b) || !known(a) || b.equals(a)) {
        continue;
      }
      if (oid(b) && oid(a)) {
        out.add(address + ": re-created since the plan (oid " + b + " → " + a + ")");
      } else if (oid(b)) {
        out.add(address + ": removed since the plan (was oid " + b + ")");
      } else {
        out.add(address + ": created since the plan (oid " + a + ")");
      }
    }
  }

  private static boolean oid(String identity) {
    return !identity.equals(ObservedFacts.ABSENT) && known(identity);
  }

  private static void containers(
      Map<String, ObservedFacts.ContainerFacts> was,
      Map<String, ObservedFacts.ContainerFacts> is,
      List<String> out) {
    TreeSet<String> addresses = new TreeSet<>(was.keySet());
    addresses.addAll(is.keySet());
    for (String address : addresses) {
      ObservedFacts.ContainerFacts b = was.get(address);
      ObservedFacts.ContainerFacts a = is.get(address);
      if (b == null) {
        out.add(address + ": created since the plan (id " + shortId(a.id()) + ")");
      } else if (a == null) {
        out.add(address + ": removed since the plan (was id " + shortId(b.id()) + ")");
      } else {
        if (!Objects.equals(b.id(), a.id())) {
          out.add(
              address
                  + ": re-created since the plan (id "
                  + shortId(b.id())
                  + " → "
                  + shortId(a.id())
                  + ")");
        }
        if (!Objects.equals(b.configHash(), a.configHash())) {
          out.add(address + ": changed by hand (config hash)");
        }
        if (!Objects.equals(b.imageId(), a.imageId())) {
          out.add(address + ": image id " + shortId(b.imageId()) + " → " + shortId(a.imageId()));
        }
      }
    }
  }

  private static void named(
      String kind, Map<String, String> was, Map<String, String> is, List<String> out) {
    TreeSet<String> names = new TreeSet<>(was.keySet());
    names.addAll(is.keySet());
    for (String name : names) {
      String b = was.getOrDefault(name, ObservedFacts.ABSENT);
      String a = is.getOrDefault(name, ObservedFacts.ABSENT);
      if (!b.equals(a)) {
        out.add(kind + " " + name + ": " + shortId(b) + " → " + shortId(a));
      }
    }
  }

  /** Secrets compare by keyed fingerprint; one generated at apply, or unknown, only by kind. */
  private static void secrets(Map<String, String> was, Map<String, String> is, List<String> out) {
    TreeSet<String> addresses = new TreeSet<>(was.keySet());
    addresses.addAll(is.keySet());
    for (String address : addresses) {
      String b = was.get(address);
      String a = is.get(address);
      if (b == null && a != null && comparable(a)) {
        // both plans fingerprint every secret they hold: one missing from the file was taken out
        out.add(address + ": not recorded in the plan file (its value cannot be compared)");
        continue;
      }
      if (b == null || a == null) {
        continue; // the change list says when a secret comes or goes
      }
      if (comparable(b) && comparable(a) && !b.equals(a)) {
        out.add(address + ": changed since the plan (its value is not shown)");
      } else if (generated(b) != generated(a) && known(b) && known(a)) {
        out.add(address + ": planned " + kind(b) + ", now " + kind(a));
      }
    }
  }

  private static boolean generated(String fingerprint) {
    return fingerprint.equals(ObservedFacts.GENERATED);
  }

  private static boolean known(String fingerprint) {
    return !fingerprint.equals(ObservedFacts.UNKNOWN);
  }

  private static boolean comparable(String fingerprint) {
    return fingerprint.startsWith("hmac:");
  }

  private static String kind(String fingerprint) {
    return fingerprint.equals(ObservedFacts.GENERATED) ? "generated at apply" : "an existing value";
  }

  /** {@code sha256:} and 12 hex digits, or the text itself when it is no id. */
  static String shortId(String id) {
    if (id == null) {
      return "(none)";
    }
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    if (hex.length() <= 12 || !hex.matches("[0-9a-f]+")) {
      return id;
    }
    return (id.startsWith("sha256:") ? "sha256:" : "") + hex.substring(0, 12) + "…";
  }
}
