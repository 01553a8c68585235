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

  /**
   * The device's artifacts differ from the last commit (or it has none yet: {@code isNew}).
   * They are already written to the object database as {@code tree}; the result keeps only
   * that id, the diffs, and the small state documents ({@code state/...}) events are made from.
   */
  record Changed(Device device, Duration took, boolean isNew, Map<String, String> previousState,
      Map<String, String> state, String tree, List<TextDiff> diffs, List<String> notes) implements DeviceResult {}

  /** Collected and identical to the last commit; {@code state} as for {@link Changed}. */
  record Unchanged(Device device, Duration took, Map<String, String> state, List<String> notes)
      implements DeviceResult {}

  /** Nothing was stored: the reason says what went wrong and what the engineer can do. */
  record Failed(Device device, Duration took, String kind, String reason) implements DeviceResult {}
}
