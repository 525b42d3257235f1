package dev.provision.spec;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.SourcePosition;
import dev.provision.model.Backend;
import dev.provision.model.Dashboard;
import dev.provision.model.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks that span sections: host ports published twice (API, site, dashboard) and one volume used
 * for both the backend's data and the managed Postgres data.
 */
final class CrossChecks {
  private CrossChecks() {}

  static void run(Fields root, Backend backend, Dashboard dashboard, Database database) {
    Map<Integer, Use> used = new LinkedHashMap<>();
    Fields ports = root.child("backend").child("ports");
    port(used, ports, "api", backend.apiPort());
    port(used, ports, "site", backend.sitePort());
    if (dashboard.enabled()) {
      port(used, root.child("dashboard"), "port", dashboard.port());
    }
    if (database instanceof Database.ManagedPostgres pg && pg.volume().equals(backend.volume())) {
      Fields managed = root.child("database").child("postgres").child("managed");
      root.add(
          Diagnostic.error(
                  managed.keyAt("volume"),
                  "database.postgres.managed.volume",
                  "Postgres and the backend would share the volume `" + pg.volume() + "`")
              .withExpected("a volume of its own, such as `" + backend.volume() + "-pg`"));
    }
  }

  /** A host port: which key gives it, where, and whether the user wrote it (not a default). */
  private record Use(String path, SourcePosition at, boolean written) {}

  private static void port(Map<Integer, Use> used, Fields f, String key, int port) {
    Use here = new Use(f.path(key), f.at(key), f.has(key));
    Use first = used.putIfAbsent(port, here);
    if (first != null) {
      // Point at a key the user wrote: a default has no place in the file.
      Use shown = here.written() || !first.written() ? here : first;
      f.add(
          Diagnostic.error(shown.at(), shown.path(), "host port " + port + " is used twice")
              .withFound(
                  "`"
                      + first.path()
                      + "`"
                      + (first.written() ? "" : " (by default)")
                      + " and `"
                      + here.path()
                      + "`"
                      + (here.written() ? "" : " (by default)")
                      + " are both "
                      + port)
              .withHint("give each published port its own number"));
    }
  }
}
