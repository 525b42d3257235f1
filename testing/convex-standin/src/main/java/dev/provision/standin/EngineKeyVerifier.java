package dev.provision.standin;

import dev.provision.convex.AdminKeyCheck;
import dev.provision.convex.AdminKeys;
import java.lang.reflect.Method;

/**
 * TEST STAND-IN ONLY. Checks admin keys with the engine's {@link AdminKeys#verify}, so the stand-in
 * accepts exactly the keys the engine issues for the same name and secret. Read-only is read
 * reflectively (a readOnly accessor on the check or its payload), so the stand-in builds against
 * every revision of {@link AdminKeyCheck}; without one every valid key counts as read-write.
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

  /**
   * Read-only from {@code readOnly()}/{@code isReadOnly()} on the check, or on its {@code
   * payload()}; false when this revision of the engine exposes neither.
   */
  private static boolean readOnly(AdminKeyCheck check) {
    Object payload = call(check, "payload");
    for (Object holder : new Object[] {check, payload}) {
      for (String accessor : new String[] {"readOnly", "isReadOnly"}) {
        if (call(holder, accessor) instanceof Boolean b) {
          return b;
        }
      }
    }
    return false;
  }

  private static Object call(Object target, String accessor) {
    if (target == null) {
      return null;
    }
    try {
      Method m = target.getClass().getMethod(accessor);
      return m.invoke(target);
    } catch (ReflectiveOperationException e) {
      return null; // This revision has no such accessor.
    }
  }
}
