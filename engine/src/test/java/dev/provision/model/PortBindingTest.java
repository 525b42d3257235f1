package dev.provision.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortBindingTest {
  @Test
  void httpUrlBracketsAnIpv6HostOnly() {
    PortBinding b = new PortBinding("127.0.0.1", 3210, 3210);
    assertThat(b.httpUrl("127.0.0.1")).hasToString("http://127.0.0.1:3210");
    assertThat(b.httpUrl("::1")).hasToString("http://[::1]:3210");
    assertThat(b.httpUrl("node-1.example")).hasToString("http://node-1.example:3210");
  }
}
