package dev.provision.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The doctor's checks for a spec with {@code functions:}: what was pushed, and Node's tools. */
final class FunctionsDoctor {
  private FunctionsDoctor() {}

  static List<DoctorCheck> checks(
      java.util.function.Supplier<LiveSession> open, Map<String, String> environment) {
    List<DoctorCheck> checks = new ArrayList<>();
    checks.add(functionsCheck(open, environment));
    List<String> missing = dev.provision.functions.FunctionsTools.missing(environment);
    if (!missing.isEmpty()) {
      checks.add(
          DoctorCheck.fail(
              "node",
              String.join(", ", missing) + " not found on PATH (plan and apply need them)",
              "install Node.js 20 or later (it brings npm and npx)"));
    }
    return checks;
  }

  /** The functions line: what the backend runs, and whether it is the app here. */
  private static DoctorCheck functionsCheck(
      java.util.function.Supplier<LiveSession> open, Map<String, String> environment) {
    String name = "functions";
    try (LiveSession session = open.get()) {
      FunctionsStatus f = FunctionsStatus.of(session, environment);
      if (f.problem().isPresent()) {
        return DoctorCheck.fail(name, f.problem().get(), "check the backend checks above");
      }
      String modules = f.modules().getAsInt() + " modules";
      if (f.deployed().isEmpty()) {
        return DoctorCheck.fail(
            name, "none pushed by provision (" + modules + ")", "run apply, or deploy-functions");
      }
      String pushed =
          f.deployed().get().shortHash()
              + " pushed "
              + f.deployed().get().at().map(Object::toString).orElse("(time unknown)")
              + ", "
              + modules;
      return f.current()
          ? DoctorCheck.ok(name, pushed)
          : DoctorCheck.fail(name, pushed + "; the app changed since", "run apply");
    } catch (dev.provision.diag.ProvisionException e) {
      return DoctorCheck.fail(
          name,
          e.diagnostics().isEmpty() ? "cannot check" : e.diagnostics().get(0).message(),
          e.diagnostics().isEmpty() ? null : e.diagnostics().get(0).hint());
    }
  }
}
