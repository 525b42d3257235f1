package dev.provision.driver.postgres;

import dev.provision.diag.ProvisionException;
import dev.provision.postgres.PostgresEndpoint;

/** The one message for a refused drop, shared by both admin implementations. */
final class DropRefusal {
  private DropRefusal() {}

  static ProvisionException notEmpty(String name, long relations, PostgresEndpoint endpoint) {
    return ProvisionException.of(
        "database '"
            + name
            + "' on "
            + endpoint.urlHost()
            + ":"
            + endpoint.port()
            + " is not empty ("
            + relations
            + (relations == 1 ? " table or other relation" : " tables or other relations")
            + "), so the engine will not drop it; it drops only an empty database",
        "the database holds data; keep it, or back it up (pg_dump) and drop it yourself");
  }
}
