package dev.provision.convex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.model.FrontendEnv.Framework;
import org.junit.jupiter.api.Test;

class FrontendEnvKeysTest {
  @Test
  void eachFrameworkHasItsBrowserNames() {
    assertThat(FrontendEnvKeys.url(Framework.VITE)).isEqualTo("VITE_CONVEX_URL");
    assertThat(FrontendEnvKeys.siteUrl(Framework.VITE)).isEqualTo("VITE_CONVEX_SITE_URL");
    assertThat(FrontendEnvKeys.url(Framework.NEXT)).isEqualTo("NEXT_PUBLIC_CONVEX_URL");
    assertThat(FrontendEnvKeys.siteUrl(Framework.NEXT)).isEqualTo("NEXT_PUBLIC_CONVEX_SITE_URL");
    assertThat(FrontendEnvKeys.url(Framework.PLAIN)).isEqualTo("CONVEX_URL");
    assertThat(FrontendEnvKeys.siteUrl(Framework.PLAIN)).isEqualTo("CONVEX_SITE_URL");
  }
}
