package dev.patina.diff.state;

import dev.patina.diff.state.StateEvent.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Events from two versions of a bonding state document. */
final class BondEvents {
  private BondEvents() {}

  static void between(String device, String artifact, String before, String after, List<StateEvent> out) {
    Map<String, StateDocument> was = byName(StateDocument.parse(before));
    Map<String, StateDocument> now = byName(StateDocument.parse(after));
    for (StateDocument bond : now.values()) {
      StateDocument old = was.get(bond.name());
      String where = bond.name() + " on " + device;
      if (old == null) {
        if (before != null) out.add(new StateEvent(device, artifact, Severity.INFO, where + ": bond appeared"));
        splitAggregators(device, artifact, where, null, bond, out);
        continue;
      }
      changed(old, bond, "mode", (a, b) -> out.add(new StateEvent(device, artifact, Severity.WARNING,
          where + ": bond mode changed from " + a + " to " + b)));
      changed(old, bond, "mii-status", (a, b) -> out.add(new StateEvent(device, artifact,
          "down".equals(b) ? Severity.CRITICAL : Severity.INFO, where + ": bond MII " + b)));
      changed(old, bond, "currently-active-slave", (a, b) -> out.add(new StateEvent(device, artifact,
          Severity.WARNING, where + ": active slave changed from " + a + " to " + b)));
      Map<String, StateDocument> oldSlaves = old.children("slave");
      Map<String, StateDocument> newSlaves = bond.children("slave");
      for (String s : newSlaves.keySet()) {
        if (!oldSlaves.containsKey(s)) {
          out.add(new StateEvent(device, artifact, Severity.WARNING, where + ": slave " + s + " added"));
        }
      }
      for (String s : oldSlaves.keySet()) {
        if (!newSlaves.containsKey(s)) {
          out.add(new StateEvent(device, artifact, Severity.CRITICAL, where + ": slave " + s + " removed"));
        }
      }
      for (Map.Entry<String, StateDocument> e : newSlaves.entrySet()) {
        StateDocument o = oldSlaves.get(e.getKey());
        if (o == null) continue;
        String slave = where + ": slave " + e.getKey();
        changed(o, e.getValue(), "mii-status", (a, b) -> out.add(new StateEvent(device, artifact,
            "down".equals(b) ? Severity.CRITICAL : Severity.INFO, slave + " MII " + b)));
        long failures = number(e.getValue().get("link-failure-count")) - number(o.get("link-failure-count"));
        if (failures > 0) {
          out.add(new StateEvent(device, artifact, Severity.WARNING, slave + " link failure count "
              + o.get("link-failure-count") + " -> " + e.getValue().get("link-failure-count") + " (+" + failures + ")"));
        }
      }
      splitAggregators(device, artifact, where, old, bond, out);
    }
    for (String gone : was.keySet()) {
      if (!now.containsKey(gone)) {
        out.add(new StateEvent(device, artifact, Severity.CRITICAL, gone + " on " + device + ": bond disappeared"));
      }
    }
  }

  /** Slaves of an 802.3ad bond in different aggregators: the partner did not agree to LACP on all links. */
  private static void splitAggregators(String device, String artifact, String where, StateDocument old,
      StateDocument bond, List<StateEvent> out) {
    Map<String, String> now = aggregators(bond);
    if (now.values().stream().distinct().count() <= 1) return;
    if (old != null && aggregators(old).values().stream().distinct().count() > 1) return;
    String list = now.entrySet().stream().map(e -> e.getKey() + " in " + e.getValue())
        .collect(Collectors.joining(", "));
    out.add(new StateEvent(device, artifact, Severity.CRITICAL, where + ": slaves in different aggregators ("
        + list + "): LACP is not agreed with the partner on every link"));
  }

  private static Map<String, String> aggregators(StateDocument bond) {
    Map<String, String> out = new TreeMap<>();
    if (bond.get("mode") == null || !bond.get("mode").contains("802.3ad")) return out;
    bond.children("slave").forEach((name, s) -> {
      if (s.get("aggregator-id") != null) out.put(name, s.get("aggregator-id"));
    });
    return out;
  }

  private static Map<String, StateDocument> byName(List<StateDocument> docs) {
    Map<String, StateDocument> out = new TreeMap<>();
    for (StateDocument d : docs) out.put(d.name(), d);
    return out;
  }

  static void changed(StateDocument a, StateDocument b, String key, java.util.function.BiConsumer<String, String> f) {
    String x = a.get(key);
    String y = b.get(key);
    if (!Objects.equals(x, y)) f.accept(x == null ? "none" : x, y == null ? "none" : y);
  }

  private static long number(String s) {
    if (s == null) return 0;
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
