package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.netconf.NetconfSimServer;
import dev.patina.sim.netconf.NetconfSubsystemFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A netconf: model collected through the Collector: one NETCONF exchange, both artifacts, host key recorded. */
class NetconfCollectTest {
  @TempDir
  Path tmp;

  @Test
  void theNetconfModelStoresCanonicalXmlAndCapabilities() throws Exception {
    String config = "<configuration><system><host-name>edge-1</host-name></system></configuration>";
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(config);
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      Device t = TestDevices.device("edge-1", sim.host(), sim.port(), "juniper-junos-netconf", NetconfSimServer.USER,
          NetconfSimServer.PASSWORD, null, null, false, Map.of());
      Snapshot s = new Collector(ModelRegistry.load(null), new HostKeyStore(tmp.resolve("known_hosts")),
          new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Timeouts.defaults().device())).collect(t);
      assertEquals(java.util.List.of("running-config", "netconf-capabilities"), java.util.List.copyOf(s.artifacts().keySet()));
      String xml = s.artifacts().get("running-config");
      assertTrue(xml.contains("<host-name>edge-1</host-name>") && xml.strip().endsWith("</data>"), xml);
      assertTrue(s.artifacts().get("netconf-capabilities").contains("urn:ietf:params:netconf:base:1.0"));
      assertEquals(1, Files.readAllLines(tmp.resolve("known_hosts")).size());
      assertEquals(1, netconf.requests().stream().filter(r -> r.contains("<get-config")).count(),
          "one get-config serves both artifacts");
    }
  }
}
