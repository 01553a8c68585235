package dev.patina.app.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything one run produced: per-device outcomes, events, findings, and the commit if any. */
public record RunResult(Instant started, Duration took, List<DeviceResult> results,
    List<RunEvent> events, List<String> warnings, Optional<String> commitId) {

  public List<DeviceResult.Changed> changed() {
    return results.stream().filter(r -> r instanceof DeviceResult.Changed)
        .map(r -> (DeviceResult.Changed) r).toList();
  }

  public List<DeviceResult.Failed> failed() {
    return results.stream().filter(r -> r instanceof DeviceResult.Failed)
        .map(r -> (DeviceResult.Failed) r).toList();
  }

  public long unchangedCount() {
    return results.stream().filter(r -> r instanceof DeviceResult.Unchanged).count();
  }

  /** 0 when every device succeeded, 1 when any failed. */
  public int exitCode() {
    return failed().isEmpty() ? 0 : 1;
  }
}
