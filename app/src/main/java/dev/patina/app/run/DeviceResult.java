package dev.patina.app.run;

import dev.patina.collector.FailureKind;
import dev.patina.diff.TextDiff;
import dev.patina.inventory.Device;
import dev.patina.notify.DeviceReport;
import dev.patina.notify.DeviceStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of backing up one device in a run: changed (or new), unchanged, or failed. It is
 * the digest's {@link DeviceReport} too, so the mail, the printout and the JSON report all read
 * this one type. Diffs name artifacts as within the device ({@code running-config}), never by
 * their git path.
 */
public sealed interface DeviceResult extends DeviceReport {
  Device device();

  Duration took();

  @Override
  default String name() {
    return device().name();
  }

  @Override
  default String group() {
    return device().group();
  }

  @Override
  default List<TextDiff> diffs() {
    return List.of();
  }

  @Override
  default String failure() {
    return null;
  }

  /**
   * The device's artifacts differ from the last commit (or it has none yet: {@code isNew}).
   * They are already written to the object database as {@code tree}; the result keeps only
   * that id, the diffs, and the small state documents ({@code state/...}) events are made from.
   */
  record Changed(Device device, Duration took, boolean isNew, Map<String, String> previousState,
      Map<String, String> state, String tree, List<TextDiff> diffs, List<String> notes) implements DeviceResult {
    @Override
    public DeviceStatus status() {
      return isNew ? DeviceStatus.NEW : DeviceStatus.CHANGED;
    }
  }

  /** Collected and identical to the last commit; {@code state} as for {@link Changed}. */
  record Unchanged(Device device, Duration took, Map<String, String> state, List<String> notes)
      implements DeviceResult {
    @Override
    public DeviceStatus status() {
      return DeviceStatus.UNCHANGED;
    }
  }

  /** Nothing was stored: {@code kind} says what went wrong, {@code reason} what the engineer can do. */
  record Failed(Device device, Duration took, FailureKind kind, String reason) implements DeviceResult {
    @Override
    public DeviceStatus status() {
      return DeviceStatus.FAILED;
    }

    @Override
    public String failure() {
      return reason;
    }
  }
}
