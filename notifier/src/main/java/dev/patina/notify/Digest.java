package dev.patina.notify;

import dev.patina.diff.state.StateEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one digest email says about a run, for one recipient list.
 *
 * @param why what caused a run other than a schedule, shown first: who changed the device and the
 *     message it announced the change with; empty for a scheduled run
 */
public record Digest(Instant started, Duration took, String commitId, String host, List<DeviceReport> devices,
    List<StateEvent> events, List<String> warnings, List<String> why) {
  public Digest {
    devices = List.copyOf(devices);
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
    why = List.copyOf(why);
  }

  /** A digest of a run nobody asked for in particular (a schedule, {@code patina run}). */
  public Digest(Instant started, Duration took, String commitId, String host, List<DeviceReport> devices,
      List<StateEvent> events, List<String> warnings) {
    this(started, took, commitId, host, devices, events, warnings, List.of());
  }
}
