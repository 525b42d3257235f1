package dev.provision.bench;

import java.util.Map;

/**
 * A large, valid spec for the benchmarks: {@code envVars} deployment env vars (every tenth one
 * sensitive, read from the environment) and {@code providers} OIDC auth providers whose secrets
 * come from the environment. Deterministic: the same arguments give the same text.
 */
final class LargeSpec {
  private LargeSpec() {}

  /**
   * @param environment receives the variables the spec's {@code ${env:NAME}} references read
   */
  static String yaml(int envVars, int providers, Map<String, String> environment) {
    StringBuilder y = new StringBuilder();
    y.append("version: 1\n");
    y.append("deployment: bench-large\n");
    y.append("backend:\n");
    y.append("  image: ghcr.io/get-convex/convex-backend:")
        .append("0123456789abcdef0123456789abcdef01234567\n");
    y.append("  ports: {api: 3210, site: 3211}\n");
    y.append("auth:\n");
    y.append("  siteUrl: http://localhost:5173\n");
    y.append("  providers:\n");
    for (int i = 1; i <= providers; i++) {
      String secret = "BENCH_OIDC_" + i + "_SECRET";
      environment.put(secret, "s3cret-value-" + i);
      y.append("    idp").append(i).append(":\n");
      y.append("      type: oidc\n");
      y.append("      clientId: client-").append(i).append('\n');
      y.append("      clientSecret: ${env:").append(secret).append("}\n");
      y.append("      issuer: https://idp").append(i).append(".example.com\n");
    }
    y.append("env:\n");
    for (int i = 1; i <= envVars; i++) {
      String name = String.format("APP_SETTING_%03d", i);
      if (i % 10 == 0) {
        String source = "BENCH_" + name;
        environment.put(source, "sensitive-" + i);
        y.append("  ")
            .append(name)
            .append(": {value: \"${env:")
            .append(source)
            .append("}\", ")
            .append("sensitive: true}\n");
      } else {
        y.append("  ").append(name).append(": \"value number ").append(i).append("\"\n");
      }
    }
    return y.toString();
  }
}
