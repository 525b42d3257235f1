package dev.provision.driver;

/**
 * The in-memory double passes the same contract as the real drivers, so tests that use it mean what
 * they say. It runs no processes, so the exec/exit-code cases are left to real drivers.
 */
class FakeHostDriverContractTest extends HostDriverContract {
  private static final String IMAGE = "fake/idle:1";

  @Override
  protected HostDriver newDriver() {
    return new FakeHostDriver().addImage(IMAGE);
  }

  @Override
  protected String image() {
    return IMAGE;
  }

  @Override
  protected String prefix() {
    return "fake-";
  }

  @Override
  protected boolean runsProcesses() {
    return false;
  }
}
