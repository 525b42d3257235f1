package dev.provision.cli;

/** Entry point. STUB: replaced by the picocli command tree. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("provision");
  }
}
