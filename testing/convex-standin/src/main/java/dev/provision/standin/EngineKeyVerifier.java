package dev.provision.standin;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import java.lang.reflect.Method;

/**
 * TEST STAND-IN ONLY. Checks admin keys with the engine's {@link AdminKeys#verify}, so the stand-in
 * accepts exactly the keys the engine issues for the same name and secret. Read-only is taken from
 * the check's {@code readOnly()} or {@code isReadOnly()} accessor when that revision of {@link
 * AdminKeyCheck} has one; otherwise every valid key counts as read-write.
 */
public final class EngineKeyVerifier implements KeyVerifier {
  private final String instanceName;
  private final byte[] secret;

  /** A verifier for one instance. */
  public EngineKeyVerifier(Credentials credentials) {
    this.instanceName = credentials.name();
    this.secret = credentials.secretBytes();
  }

  @Override
  public Verdict check(String key) {
    AdminKeyCheck check;
    try {
      check = AdminKeys.verify(instanceName, secret.clone(), key);
    } catch (UnsupportedOperationException e) {
      throw e;
    } catch (RuntimeException e) {
      return Verdict.invalid();
    }
    return check.valid() ? new Verdict(true, readOnly(check)) : Verdict.invalid();
  }

  private static boolean readOnly(AdminKeyCheck check) {
    for (String accessor : new String[] {"readOnly", "isReadOnly"}) {
      try {
        Method m = check.getClass().getMethod(accessor);
        Object value = m.invoke(check);
        if (value instanceof Boolean b) {
          return b;
        }
      } catch (ReflectiveOperationException e) {
        // This revision of AdminKeyCheck has no such accessor: try the next one.
      }
    }
    return false;
  }
}
