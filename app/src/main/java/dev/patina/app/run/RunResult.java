package dev.patina.app.run;

import dev.patina.diff.state.StateEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything one run produced, in the order the pipeline made it: per-device outcomes, state
 * events, warnings, the commit if any, and what became of the mail. The CLI printer, the JSON
 * report and the service log all render this.
 *
 * @param took from the start to the commit (the mail after it not included)
 * @param mail empty when the run did not mail (not configured, or {@code --no-mail})
 */
public record RunResult(String trigger, Instant started, Duration took, List<DeviceResult> devices,
    List<StateEvent> events, List<String> warnings, Optional<String> commitId, Optional<MailOutcome> mail,
    Duration commitTook) {

  public RunResult {
    devices = List.copyOf(devices);
    events = List.copyOf(events);
    warnings = List.copyOf(warnings);
  }

  public List<DeviceResult.Changed> changed() {
    return devices.stream().filter(r -> r instanceof DeviceResult.Changed)
        .map(r -> (DeviceResult.Changed) r).toList();
  }

  public List<DeviceResult.Failed> failed() {
    return devices.stream().filter(r -> r instanceof DeviceResult.Failed)
        .map(r -> (DeviceResult.Failed) r).toList();
  }

  public long unchangedCount() {
    return devices.stream().filter(r -> r instanceof DeviceResult.Unchanged).count();
  }

  /** "2 changed, 1 new, 40 unchanged, 0 failed in 3.1 s": the one wording of a run's counts. */
  public String counts() {
    long fresh = changed().stream().filter(DeviceResult.Changed::isNew).count();
    return String.format(Locale.ROOT, "%d changed, %d new, %d unchanged, %d failed in %.1f s",
        changed().size() - fresh, fresh, unchangedCount(), failed().size(), took.toMillis() / 1000.0);
  }

  /** "committed 3f2a1b7c9d: COUNTS" or "nothing to commit: COUNTS". */
  public String summary() {
    return commitId.map(c -> "committed " + c.substring(0, Math.min(10, c.length())) + ": ").orElse("nothing to commit: ")
        + counts();
  }

  /**
   * 0 when every device succeeded and every message was queued, 1 when a device failed or a
   * message could not even be queued (a lost digest must not look like a clean run to cron).
   */
  public int exitCode() {
    boolean mailLost = mail.map(m -> !m.problems().isEmpty()).orElse(false);
    return failed().isEmpty() && !mailLost ? 0 : 1;
  }
}
