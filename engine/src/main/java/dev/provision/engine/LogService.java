package dev.provision.engine;

import dev.provision.desired.Names;
import dev.provision.model.Address;

/** The containers of a deployment whose logs {@code provision logs} shows. */
public enum LogService {
  BACKEND(Names.BACKEND),
  DASHBOARD(Names.DASHBOARD),
  POSTGRES(Names.POSTGRES_CONTAINER),
  PROXY(Names.PROXY);

  private final Address address;

  LogService(Address address) {
    this.address = address;
  }

  /** The container's address in the desired state. */
  public Address address() {
    return address;
  }

  /** As the user types it: {@code backend}, {@code dashboard}, {@code postgres}, {@code proxy}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
