package dev.patina.collector;

import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.collector.files.ScpSource;
import dev.patina.sim.SimDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scp: source (ProCurve's cfg/running-config) over a real SCP server; a failed copy is a typed, non-fatal error. */
class ScpSourceTest {
  @TempDir
  Path tmp;

  @Test
  void aFileIsCopiedOverScpAndAMissingOneFailsSoTheNextSourceIsTried() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("cfg"));
    Files.writeString(root.resolve("cfg/running-config"), "hostname \"sw1\"\nvlan 1\n   exit\n");
    ModelRegistry models = ModelRegistry.load(null);
    try (SimDevice sim = SimDevice.linuxHost(root).start();
        DeviceSession session = new DeviceSession(Captures.target(sim, "hp-procurve"),
            models.find("hp-procurve").orElseThrow(), new HostKeyStore(tmp.resolve("known_hosts")),
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Timeouts.defaults().device()))) {
      assertEquals(Map.of("", "hostname \"sw1\"\nvlan 1\n   exit\n"), new ScpSource().read(session, "cfg/running-config"));
      CollectException e = assertThrows(CollectException.class, () -> new ScpSource().read(session, "cfg/startup-config"));
      assertEquals(FailureKind.COMMAND_FAILED, e.kind());
    }
  }
}
