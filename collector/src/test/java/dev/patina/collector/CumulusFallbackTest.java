package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.inventory.Timeouts;
import dev.patina.sim.Capture;
import dev.patina.sim.SimDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Cumulus switch without NVUE falls back to the older ways of reading its configuration. */
class CumulusFallbackTest {
  @TempDir
  Path tmp;

  @Test
  void aCumulusSwitchWithoutNvueIsBackedUpFromItsInterfacesFileWithTheFallbackNoted() throws Exception {
    String prompt = "cumulus@leaf1:mgmt:~$ ";
    String interfaces = "auto lo\niface lo inet loopback\n    address 10.0.0.11/32\n\nauto swp1\niface swp1\n";
    Capture cumulus4 = Capture.of("cumulus", "Welcome to Cumulus Linux\n" + prompt, false, List.of(
        Map.entry("cat /etc/network/interfaces\n", "cat /etc/network/interfaces\n" + interfaces + prompt)));
    Collector collector = new Collector(ModelRegistry.load(null), new HostKeyStore(tmp.resolve("known_hosts")),
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Timeouts.defaults().device()));
    Snapshot snapshot;
    try (SimDevice sim = SimDevice.replay(cumulus4).start()) {
      snapshot = collector.collect(Captures.target(sim, "cumulus-nvue"));
    }
    assertEquals(interfaces.strip() + "\n", snapshot.artifacts().get("running-config"));
    assertTrue(snapshot.notes().stream().anyMatch(n -> n.contains("nv config show --color off")
        && n.contains("-bash: nv: command not found")), snapshot.notes().toString());
  }
}
