package dev.patina.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Everything one digest email says about a run, for one recipient list. */
public record Digest(Instant started, Duration took, String commitId, String host, List<DeviceReport> devices,
    List<DigestEvent> events, List<String> warnings) {
  public Digest {
    devices = List.copyOf(devices);
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }
}
