package dev.patina.app.run;

import dev.patina.diff.state.StateEvent;
import dev.patina.diff.state.StateEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state-event step of a run: turns its state documents into events (bond slaves, VRRP
 * roles; a VRID with two masters or none across the run's devices) and configuration findings
 * (VRRP auth_type PASS). Findings are reported when a device is new or changed, not every run.
 */
final class RunStateEvents {
  /** Events lead the digest and the commit message; warnings follow them. */
  record Found(List<StateEvent> events, List<String> warnings) {}

  private RunStateEvents() {}

  static Found find(List<DeviceResult> devices) {
    List<StateEvent> events = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<String, String> vrrp = new TreeMap<>();
    boolean vrrpChanged = false;
    for (DeviceResult r : devices) {
      String device = r.device().name();
      Map<String, String> now = switch (r) {
        case DeviceResult.Changed c -> c.state();
        case DeviceResult.Unchanged u -> u.state();
        case DeviceResult.Failed f -> Map.of();
      };
      if (now.containsKey("state/vrrp")) vrrp.put(device, now.get("state/vrrp"));
      if (!(r instanceof DeviceResult.Changed c)) continue;
      for (Map.Entry<String, String> a : c.state().entrySet()) {
        String before = c.previousState().get(a.getKey());
        if (a.getValue().equals(before)) continue;
        if (a.getKey().equals("state/vrrp")) vrrpChanged = true;
        events.addAll(StateEvents.between(device, a.getKey(), before, a.getValue()));
      }
      String doc = c.state().get("state/vrrp");
      if (doc != null && !doc.equals(c.previousState().get("state/vrrp"))) warnings.addAll(StateEvents.findings(device, doc));
    }
    if (vrrpChanged || devices.stream().anyMatch(r -> r instanceof DeviceResult.Changed c && c.isNew())) {
      events.addAll(StateEvents.acrossDevices(vrrp));
    }
    return new Found(events, warnings);
  }
}
