package dev.patina.app.web;

import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunResult;
import dev.patina.collector.ArtifactSpec;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.web.PatinaMetrics;

/** A run's counts into the metrics of a process that serves them (attempts by outcome, durations). */
public final class RunMetrics {
  private RunMetrics() {}

  public static void record(RunResult result, ModelRegistry models, PatinaMetrics metrics) {
    if (metrics == null) return;
    metrics.run(result.took());
    if (result.commitId().isPresent()) metrics.commit(result.commitTook());
    for (DeviceResult r : result.devices()) {
      String outcome = switch (r) {
        case DeviceResult.Changed c -> c.isNew() ? "new" : "changed";
        case DeviceResult.Unchanged u -> "ok";
        case DeviceResult.Failed f -> f.kind().label();
      };
      Model model = models == null ? null : models.find(r.device().model()).orElse(null);
      metrics.backup(r.device().model(), transport(model, r.device().snmp() != null), outcome, r.took());
    }
  }

  /** How the model reads its first artifact: ssh (commands), scp (files), snmp, netconf. */
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
