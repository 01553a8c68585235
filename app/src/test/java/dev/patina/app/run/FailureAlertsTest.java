package dev.patina.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.FailureKind;
import dev.patina.inventory.Device;
import dev.patina.store.RepoStore;
import dev.patina.store.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureAlertsTest {
  @TempDir Path dir;

  private static Device device(String name) {
    return new Device(name, "192.0.2.1", 22, "cisco-ios", null, "u", null, null, null, false, null, Map.of(),
        List.of(), null, null, "devices.yaml:1");
  }

  @Test
  void aRepositoryThatCannotBeWrittenIsNotCountedAgainstTheDevicesNorAlertsAboutThem() throws Exception {
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      RunStatus status = store.status();
      Device sw1 = device("sw1");
      status.recordFailure("sw1", Instant.now(), "timeout: no answer"); // one real failure before
      for (int run = 0; run < 5; run++) {
        FailureAlerts.Outcome o = FailureAlerts.update(status, List.of(new DeviceResult.Failed(sw1, Duration.ZERO,
            FailureKind.REPOSITORY, "cannot write to the repository: No space left on device")), Instant.now(), 3);
        assertTrue(o.alerts().isEmpty(), o.toString());
      }
      assertEquals(1, status.get("sw1").orElseThrow().consecutiveFailures(), "the full disk is not the device's failure");
      assertEquals("timeout: no answer", status.get("sw1").orElseThrow().lastError());
    }
  }
}
