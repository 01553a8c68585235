package dev.patina.diff.state;

import dev.patina.diff.state.StateEvent.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Events from VRRP state documents: per device between two runs, and across the devices of a run. */
final class VrrpEvents {
  private VrrpEvents() {}

  static void between(String device, String artifact, String before, String after, List<StateEvent> out) {
    Map<String, StateDocument> was = byName(StateDocument.parse(before));
    Map<String, StateDocument> now = byName(StateDocument.parse(after));
    for (StateDocument v : now.values()) {
      StateDocument old = was.get(v.name());
      String where = "VRRP " + v.name() + " on " + device;
      if (old == null) {
        if (before != null) out.add(new StateEvent(device, artifact, Severity.INFO, where + ": instance added"));
        continue;
      }
      BondEvents.changed(old, v, "role", (a, b) -> out.add(new StateEvent(device, artifact, Severity.CRITICAL,
          where + ": " + a + " -> " + b)));
      BondEvents.changed(old, v, "priority", (a, b) -> out.add(new StateEvent(device, artifact, Severity.WARNING,
          where + ": priority " + a + " -> " + b)));
      BondEvents.changed(old, v, "virtual", (a, b) -> out.add(new StateEvent(device, artifact, Severity.WARNING,
          where + ": virtual address moved from " + a + " to " + b)));
    }
    for (String gone : was.keySet()) {
      if (!now.containsKey(gone)) {
        out.add(new StateEvent(device, artifact, Severity.WARNING, "VRRP " + gone + " on " + device + ": instance removed"));
      }
    }
  }

  /**
   * A VRID (with its virtual addresses) that two devices of the run both hold as MASTER, or that
   * several devices share and none holds.
   */
  static List<StateEvent> acrossDevices(Map<String, String> vrrpDocs) {
    Map<String, Map<String, String>> roles = new TreeMap<>();
    vrrpDocs.forEach((device, text) -> {
      for (StateDocument v : StateDocument.parse(text)) {
        if (v.get("vrid") == null) continue;
        // keepalived writes 192.0.2.1/24, SNMP agents 192.0.2.1: compare the addresses alone
        String virtual = v.get("virtual") == null ? "" : v.get("virtual").replaceAll("/\\d+", "");
        String key = v.get("vrid") + (virtual.isEmpty() ? "" : " (" + virtual + ")");
        roles.computeIfAbsent(key, k -> new TreeMap<>()).put(device, v.get("role"));
      }
    });
    List<StateEvent> out = new ArrayList<>();
    roles.forEach((vrid, byDevice) -> {
      List<String> masters = byDevice.entrySet().stream().filter(e -> "MASTER".equals(e.getValue()))
          .map(Map.Entry::getKey).toList();
      boolean known = byDevice.values().stream().allMatch(r -> "MASTER".equals(r) || "BACKUP".equals(r));
      if (masters.size() > 1) {
        out.add(new StateEvent(masters.get(0), "state/vrrp", Severity.CRITICAL,
            "VRID " + vrid + " has " + masters.size() + " masters: " + String.join(", ", masters)));
      } else if (masters.isEmpty() && known && byDevice.size() > 1) {
        out.add(new StateEvent(byDevice.keySet().iterator().next(), "state/vrrp", Severity.CRITICAL,
            "VRID " + vrid + " has no master: " + String.join(", ", byDevice.keySet()) + " are all BACKUP"));
      }
    });
    return out;
  }

  /** Configuration findings: {@code auth_type PASS} sends the VRRP password in clear text. */
  static List<String> findings(String device, String vrrpDoc) {
    List<String> out = new ArrayList<>();
    for (StateDocument v : StateDocument.parse(vrrpDoc)) {
      if ("PASS".equalsIgnoreCase(v.get("auth-type"))) {
        out.add("VRRP " + v.name() + " on " + device + " uses auth_type PASS: the password travels in clear text "
            + "in every advertisement and protects nothing; drop it and keep VRRP on a dedicated segment");
      }
    }
    return out;
  }

  private static Map<String, StateDocument> byName(List<StateDocument> docs) {
    Map<String, StateDocument> out = new TreeMap<>();
    for (StateDocument d : docs) out.put(d.name(), d);
    return out;
  }
}
