package dev.patina.app.run;

import dev.patina.diff.TextDiff;
import dev.patina.inventory.Device;
import dev.patina.notify.ArtifactChange;
import dev.patina.notify.DeviceReport;
import dev.patina.notify.DeviceStatus;
import dev.patina.notify.Digest;
import dev.patina.notify.DigestEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits a run into digests, one per recipient list: a device's mail goes to its own (or its
 * group's) {@code mail-to}, else to the service's default list, like RANCID's per-group lists.
 */
public final class Digests {
  private Digests() {}

  /** Recipients of a device: its own (or its group's) list, else the service default. */
  public static List<String> recipients(Device device, List<String> defaultTo) {
    return device.mailTo().isEmpty() ? (defaultTo == null ? List.of() : defaultTo) : device.mailTo();
  }

  /**
   * Recipient list to the digest for its devices; only lists with something to say. A device in
   * {@code quietFailures} (failing again, already reported) does not make a digest by itself.
   */
  public static Map<List<String>, Digest> route(RunResult run, List<String> defaultTo, String host,
      Set<String> quietFailures) {
    Map<List<String>, List<DeviceResult>> byList = new LinkedHashMap<>();
    for (DeviceResult r : run.results()) {
      List<String> to = recipients(r.device(), defaultTo);
      if (to.isEmpty()) continue;
      byList.computeIfAbsent(List.copyOf(to), k -> new ArrayList<>()).add(r);
    }
    Map<List<String>, Digest> digests = new LinkedHashMap<>();
    for (Map.Entry<List<String>, List<DeviceResult>> e : byList.entrySet()) {
      Set<String> names = e.getValue().stream().map(r -> r.device().name()).collect(Collectors.toSet());
      List<DigestEvent> events = run.events().stream().filter(ev -> names.contains(ev.device()))
          .map(ev -> new DigestEvent(ev.device(), ev.severity(), ev.message())).toList();
      boolean worthSending = !events.isEmpty() || e.getValue().stream()
          .anyMatch(r -> r instanceof DeviceResult.Changed
              || (r instanceof DeviceResult.Failed && !quietFailures.contains(r.device().name())));
      if (!worthSending) continue;
      List<DeviceReport> reports = e.getValue().stream().map(Digests::report).toList();
      digests.put(e.getKey(), new Digest(run.started(), run.took(), run.commitId().orElse(null), host, reports,
          events, run.warnings()));
    }
    return digests;
  }

  static DeviceReport report(DeviceResult r) {
    Device d = r.device();
    return switch (r) {
      case DeviceResult.Changed c -> new DeviceReport(d.name(), d.group(),
          c.isNew() ? DeviceStatus.NEW : DeviceStatus.CHANGED, changes(c), null);
      case DeviceResult.Unchanged u -> new DeviceReport(d.name(), d.group(), DeviceStatus.UNCHANGED, List.of(),
          null);
      case DeviceResult.Failed f -> new DeviceReport(d.name(), d.group(), DeviceStatus.FAILED, List.of(),
          f.reason());
    };
  }

  private static List<ArtifactChange> changes(DeviceResult.Changed c) {
    String prefix = "devices/" + c.device().name() + "/";
    List<ArtifactChange> out = new ArrayList<>();
    for (TextDiff d : c.diffs()) {
      String artifact = d.path().startsWith(prefix) ? d.path().substring(prefix.length()) : d.path();
      out.add(new ArtifactChange(artifact, d.added(), d.removed(), d.unified()));
    }
    return out;
  }
}
