package dev.patina.notify;

import java.util.List;

/** One device in a digest; {@code failure} is the reason when it failed. */
public record DeviceReport(String device, String group, DeviceStatus status, List<ArtifactChange> changes,
    String failure) {
  public DeviceReport {
    changes = List.copyOf(changes);
  }
}
