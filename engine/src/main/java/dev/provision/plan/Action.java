package dev.provision.plan;

/** What a change does to one resource. The symbol is the one a text plan shows. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  REPLACE("-/+"),
  DELETE("-"),
  /**
   * Take over what exists without provision's labels (a volume with data): nothing is recreated.
   */
  ADOPT("&"),
  NO_OP(" ");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
