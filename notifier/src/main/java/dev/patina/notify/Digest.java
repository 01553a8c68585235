package dev.patina.notify;

import dev.patina.diff.state.StateEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Everything one digest email says about a run, for one recipient list. */
public record Digest(Instant started, Duration took, String commitId, String host, List<DeviceReport> devices,
    List<StateEvent> events, List<String> warnings) {
  public Digest {
    devices = List.copyOf(devices);
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }
}
