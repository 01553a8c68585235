package dev.patina.app.run;

import dev.patina.diff.TextDiff;
import dev.patina.inventory.Device;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The outcome of backing up one device in a run: changed (or new), unchanged, or failed. */
public sealed interface DeviceResult {
  Device device();

  Duration took();

  /** The device's artifacts differ from the last commit (or it has none yet: {@code isNew}). */
  record Changed(Device device, Duration took, Map<String, String> previous, Map<String, String> artifacts,
      List<TextDiff> diffs, List<String> notes) implements DeviceResult {
    public boolean isNew() {
      return previous.isEmpty();
    }
  }

  /** Collected and identical to the last commit. */
  record Unchanged(Device device, Duration took, Map<String, String> artifacts, List<String> notes)
      implements DeviceResult {}

  /** Nothing was stored: the reason says what went wrong and what the engineer can do. */
  record Failed(Device device, Duration took, String kind, String reason) implements DeviceResult {}
}
