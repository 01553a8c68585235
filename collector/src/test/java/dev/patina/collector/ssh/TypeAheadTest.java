package dev.patina.collector.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.collector.HostKeyStore;
import dev.patina.collector.ModelRegistry;
import dev.patina.collector.TestDevices;
import dev.patina.inventory.Device;
import dev.patina.sim.Capture;
import dev.patina.sim.Received;
import dev.patina.sim.SimDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell engine's typing ahead, driven directly: what the caller is told is what the device said. */
class TypeAheadTest {
  private static final String PROMPT = "edge-rtr1#";
  @TempDir
  Path tmp;

  private static Capture ios() {
    return Capture.of("ios", "\r\n" + PROMPT, false, List.of(
        Map.entry("terminal length 0\n", "terminal length 0\r\n" + PROMPT),
        Map.entry("show version\n", "show version\r\nCisco IOS XE Software, Version 17.09.04a\r\n" + PROMPT),
        Map.entry("show inventory\n", "show inventory\r\nNAME: \"Chassis\"\r\n" + PROMPT),
        Map.entry("show clock\n", "show clock\r\n*10:04:41.123 UTC Thu Nov 26 2026\r\n" + PROMPT)));
  }

  @Test
  void aCommandTypedAheadThatTheCallerDoesNotRunNextIsReadAndDroppedBeforeTheOneItRuns() throws Exception {
    try (SimDevice sim = SimDevice.replay(ios()).start()) {
      Device d = TestDevices.device("sim", sim.host(), sim.port(), "cisco-ios", sim.username(), sim.password(),
          null, null, false, Map.of());
      try (SshLink link = SshLink.open(d, new HostKeyStore(tmp.resolve("known_hosts")), Duration.ofSeconds(10),
          Duration.ofSeconds(10));
          ShellSession shell = link.shell(ShellSession.Settings.of(ModelRegistry.load(null).find("cisco-ios").orElseThrow()))) {
        shell.awaitPrompt();
        shell.runSetting("terminal length 0", null);
        shell.next("show inventory");
        assertEquals(List.of("Cisco IOS XE Software, Version 17.09.04a"), shell.run("show version").lines());
        // the caller went another way: the inventory's reply must not become the clock's
        assertEquals(List.of("*10:04:41.123 UTC Thu Nov 26 2026"), shell.run("show clock").lines());
        assertEquals(PROMPT, shell.prompt());
      }
      List<String> sent = sim.received().stream().filter(r -> r.kind() == Received.Kind.LINE).map(Received::text).toList();
      assertEquals(List.of("terminal length 0", "show version", "show inventory", "show clock", ""), sent,
          "each command sent once, the clock typed ahead to end the dropped reply, the last end confirmed by an empty line (no harmless command named)");
    }
  }
}
