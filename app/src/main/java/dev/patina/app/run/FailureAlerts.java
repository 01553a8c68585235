package dev.patina.app.run;

import dev.patina.store.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records each device's outcome in the run status and decides what is worth a mail: a
 * device's first failure goes into the digest; after {@code alertAfter} failures in a row one
 * alert goes out; when it works again, one recovery notice. Failures in between stay quiet.
 */
final class FailureAlerts {
  /** A device that just reached the alert threshold. */
  record Alert(String device, int failures, Instant since, String reason) {}

  /** A device that works again after at least the alert threshold of failures. */
  record Recovery(String device, int failures) {}

  /** What to mail: alerts, recoveries, and the failed devices that must not trigger a digest again. */
  record Outcome(List<Alert> alerts, List<Recovery> recoveries, Set<String> quietFailures) {
    static final Outcome NONE = new Outcome(List.of(), List.of(), Set.of());
  }

  private FailureAlerts() {}

  static Outcome update(RunStatus status, List<DeviceResult> devices, Instant now, int alertAfter) {
    return update(FailureCounts.of(status), devices, now, alertAfter);
  }

  static Outcome update(FailureCounts status, List<DeviceResult> devices, Instant now, int alertAfter) {
    List<Alert> alerts = new ArrayList<>();
    List<Recovery> recoveries = new ArrayList<>();
    Set<String> quiet = new HashSet<>();
    for (DeviceResult r : devices) {
      String name = r.device().name();
      if (status.counted(name)) continue; // a run finished again after a take-over: counted the first time
      if (r instanceof DeviceResult.Failed f && !f.kind().isDevicesFault()) {
        continue; // a full disk or a shutdown says nothing about the device: its count stays as it was
      }
      if (r instanceof DeviceResult.Failed f) {
        Instant since = status.get(name).filter(e -> e.consecutiveFailures() > 0).map(RunStatus.Entry::lastFailure)
            .orElse(now);
        String why = f.kind().label() + ": " + f.reason();
        int n = status.recordFailure(name, now, why);
        if (n > 1) quiet.add(name);
        if (n == alertAfter) alerts.add(new Alert(name, n, since, why));
      } else {
        int ended = status.recordSuccess(name, now);
        if (ended >= alertAfter) recoveries.add(new Recovery(name, ended));
      }
    }
    return new Outcome(alerts, recoveries, quiet);
  }
}
