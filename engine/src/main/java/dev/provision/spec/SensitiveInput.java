package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.model.SecretKind;
import dev.provision.model.Sensitive;
import dev.provision.spec.YNode.Entry;
import dev.provision.spec.YNode.Kind;
import dev.provision.spec.YNode.YMap;
import dev.provision.spec.YNode.YScalar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where sensitivity starts: collects the texts of a resolved spec that must never be shown (what
 * references read, every URL's user-info, the fields documented as secret) into a {@link
 * Sensitive}, and refuses a reference in a field that becomes a name or label (it would be shown
 * wherever the name is: container and volume names, published ports, the bind address).
 */
final class SensitiveInput {
  /** Fields documented as secret: their text is masked even when written literally. */
  static final Set<String> SECRET_KEYS =
      Set.of(
          "password",
          "clientSecret",
          "apiKey",
          "secretAccessKey",
          "accessKeyId",
          SecretKind.INSTANCE_SECRET.fileKey());

  /** Fields that become names and labels, so they cannot be masked and refuse a reference. */
  static final List<String> NAME_FIELDS =
      List.of(
          "deployment",
          "backend.volume",
          "backend.bind",
          "backend.ports.api",
          "backend.ports.site",
          "dashboard.port",
          "database.postgres.managed.volume",
          "proxy.bind",
          "proxy.ports.http",
          "proxy.ports.https",
          "proxy.volume",
          "proxy.names.api",
          "proxy.names.site",
          "proxy.names.dashboard");

  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{0,30}://([^/?#@\\s]{1,512})@");

  private SensitiveInput() {}

  /** The sensitive texts of {@code root}, after its references were resolved. */
  static Sensitive collect(YMap root, Set<String> referenced) {
    Set<String> out = new LinkedHashSet<>(referenced);
    walk(root, "", out);
    return Sensitive.of(out);
  }

  private static void walk(YNode node, String key, Set<String> out) {
    if (node instanceof YMap map) {
      map.entries().forEach((k, entry) -> walk(entry.value(), k, out));
    } else if (node instanceof YNode.YList list) {
      list.items().forEach(item -> walk(item, key, out));
    } else if (node instanceof YScalar s && s.kind() == Kind.STRING) {
      if (SECRET_KEYS.contains(key) || s.sensitive()) {
        out.add(s.text());
      }
      Matcher m = USER_INFO.matcher(s.text().contains("://") ? s.text() : "");
      while (m.find()) {
        // The password alone: a user name (`convex`) is a common word that would mask an image
        // name; a URL's whole user-info is masked wherever a URL is shown (Sensitive#redact).
        String userInfo = m.group(1);
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
          out.add(userInfo.substring(colon + 1));
        }
      }
    }
  }

  /** Reports a reference written in a name or label field, at its position. */
  static void refuseInNames(YMap root, Diagnostics diagnostics) {
    for (String path : NAME_FIELDS) {
      YNode node = root;
      for (String part : path.split("\\.")) {
        Entry entry = node instanceof YMap m ? m.entries().get(part) : null;
        node = entry == null ? null : entry.value();
      }
      if (node instanceof YScalar s && s.sensitive()) {
        diagnostics.add(
            Diagnostic.error(
                    s.position(), path, "`" + path + "` cannot be read through a reference")
                .withExpected("the value written in the spec (or given with --set)")
                .withHint(
                    "it names containers, volumes or published ports, which every plan, log and"
                        + " `docker ps` shows, so it cannot be kept secret; write it directly"));
      }
    }
  }
}
