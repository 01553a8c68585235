package dev.patina.app.web;

import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunEvent;
import dev.patina.app.run.RunResult;
import dev.patina.collector.ArtifactSpec;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.store.RepoStore;
import dev.patina.store.RunLog;
import dev.patina.web.PatinaMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** After each run: its line in the run log (runs page, API) and, in a process with a web server, its metrics. */
public final class RunHistory {
  private RunHistory() {}

  /** Records {@code result}; a failure to write the log is reported and does not fail the run. */
  public static void record(RepoStore store, RunResult result, String trigger, ModelRegistry models,
      PatinaMetrics metrics) {
    List<String> failed = result.failed().stream().map(f -> f.device().name()).toList();
    long fresh = result.changed().stream().filter(DeviceResult.Changed::isNew).count();
    RunLog.Run run = new RunLog.Run(result.started(), result.took(), trigger,
        (int) (result.changed().size() - fresh), (int) fresh, (int) result.unchangedCount(), failed.size(),
        result.commitId().orElse(null), failed);
    List<RunLog.Event> events = new ArrayList<>();
    Instant now = result.started().plus(result.took());
    for (RunEvent e : result.events()) events.add(new RunLog.Event(now, e.device(), e.severity(), e.message()));
    try {
      store.runLog().append(run, events);
    } catch (Exception e) {
      System.err.println("patina: the run log was not written (the run itself is committed): " + e.getMessage());
    }
    if (metrics == null) return;
    metrics.run(result.took());
    for (DeviceResult r : result.results()) {
      String outcome = switch (r) {
        case DeviceResult.Changed c -> c.isNew() ? "new" : "changed";
        case DeviceResult.Unchanged u -> "ok";
        case DeviceResult.Failed f -> f.kind();
      };
      Model model = models == null ? null : models.find(r.device().model()).orElse(null);
      metrics.backup(r.device().model(), transport(model, r.device().snmp() != null), outcome, r.took());
    }
  }

  /** How the model reads its first artifact: ssh (commands), scp/sftp (files), snmp, netconf. */
  static String transport(Model model, boolean snmp) {
    if (model == null || model.artifacts().isEmpty() || model.artifacts().get(0).sources().isEmpty()) {
      return snmp ? "snmp" : "";
    }
    ArtifactSpec.Source s = model.artifacts().get(0).sources().get(0);
    return switch (s.kind()) {
      case "command" -> "ssh";
      case "file" -> "scp";
      default -> s.kind();
    };
  }
}
