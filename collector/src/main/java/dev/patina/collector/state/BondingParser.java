package dev.patina.collector.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code /proc/net/bonding/<bond>} (old 3.x drivers and current kernels alike) into a
 * stable state document: the bond's settings and status, then each slave (sorted by name)
 * with its MII status, speed, duplex, link failure count, aggregator and LACP details.
 * Churn counters are dropped; every other line is kept, unknown ones under {@code other}.
 */
final class BondingParser {
  /** Counters that move on their own and would make a diff every run. */
  private static final Set<String> DROPPED = Set.of("actor-churned-count", "partner-churned-count");
  /** Section markers that carry no value of their own. */
  private static final Set<String> MARKERS = Set.of("802.3ad info");

  private BondingParser() {}

  public static String parse(String bond, String text) throws StateParseException {
    if (!text.contains("Bonding Mode:")) {
      throw new StateParseException(bond + ": not /proc/net/bonding output: no 'Bonding Mode:' line");
    }
    Map<String, String> bondValues = new LinkedHashMap<>();
    Map<String, Map<String, String>> slaves = new TreeMap<>();
    List<String> other = new ArrayList<>();
    Map<String, String> current = bondValues;
    String prefix = "";
    for (String raw : text.split("\n")) {
      String line = raw.stripTrailing();
      if (line.isBlank()) {
        prefix = "";
        continue;
      }
      boolean indented = Character.isWhitespace(line.charAt(0));
      String t = line.strip();
      if (!indented) prefix = "";
      int colon = t.indexOf(':');
      if (colon < 0) {
        if (!MARKERS.contains(t)) other.add(t);
        continue;
      }
      String label = t.substring(0, colon);
      String value = t.substring(colon + 1).strip();
      if (label.equals("Slave Interface")) {
        current = new LinkedHashMap<>();
        slaves.put(value, current);
        prefix = "";
        continue;
      }
      if (value.isEmpty()) {
        prefix = StateText.slug(label.replace("details ", "").replace(" lacp pdu", "").replace(" Info", "")) + "-";
        continue;
      }
      String key = (indented ? prefix : "") + StateText.slug(label);
      if (key.equals("ethernet-channel-bonding-driver")) key = "driver";
      if (key.equals("bonding-mode")) key = "mode";
      if (DROPPED.contains(key)) continue;
      current.put(key, value);
    }
    StateText doc = new StateText().block(0, "bond " + bond);
    bondValues.forEach((k, v) -> doc.value(1, k, v));
    for (Map.Entry<String, Map<String, String>> s : slaves.entrySet()) {
      doc.block(1, "slave " + s.getKey());
      s.getValue().forEach((k, v) -> doc.value(2, k, v));
    }
    if (!other.isEmpty()) {
      doc.block(1, "other:");
      other.forEach(o -> doc.item(2, o));
    }
    return doc.toString();
  }
}
